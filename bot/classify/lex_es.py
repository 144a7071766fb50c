"""Spanish trigger phrases by feature: lowercase, separated by "|"; `<n>` is a number."""

from __future__ import annotations

PHRASES: dict[str, str] = {
    "call-to-action:preorder": (
        "preventa | pre-venta | preventa abierta | ya está abierta la preventa | reserva ya | "
        "resérvalo | reservas abiertas | en preventa"
    ),
    "call-to-action:buy": (
        "compra ya | cómpralo | consíguelo | consigue el tuyo | consigue la tuya | ya "
        "disponible | disponible ya | ya a la venta | a la venta | pídelo | haz tu pedido | "
        "envíos a todo el mundo | envíos a toda españa | últimas unidades | consigue mi | "
        "abrimos reservas | reservas abiertas | disponible en | ya podéis comprar | podéis "
        "comprar | puedes comprar | ya puedes comprar | ya se puede comprar | consíguelo en | "
        "pide presupuesto | presupuestos por dm | agenda abierta | en venta | pídelo ya | "
        "reserva el tuyo | envíos gratis este | envío gratis en | en la web | ya en la web | "
        "en nuestra web | visítanos | ven a vernos | os esperamos | te esperamos | haz tu "
        "reserva | reserva tu mesa | reservas por | en librerías | ya está en librerías | ya "
        "en librerías | en tu librería | estaré en | estaremos en | firmaré libros | firma de "
        "libros | venid a | por dm | por md | pedidos por dm | ya podéis reservar | podéis "
        "reservar | reservar plaza | reserva tu plaza | reservad"
    ),
    "call-to-action:link-in-bio": (
        "link en bio | link en la bio | link en mi bio | enlace en la bio | enlace en bio | "
        "enlace en mi perfil | link en mi perfil | en el post fijado | enlace abajo"
    ),
    "call-to-action:subscribe": (
        "suscríbete | suscribete | apúntate | inscríbete | regístrate | únete | abre "
        "inscripciones | inscripciones abiertas | abrimos inscripciones"
    ),
    "call-to-action:support": "apóyame | apoyarme | me ayudas mucho | comparte para apoyar",
    "call-to-action:watch": "míralo aquí | escúchalo | dale al play | en el canal",
    "call-to-action:live": (
        "en directo | directo ahora | estoy en directo | en vivo ahora | directo en twitch | "
        "directo en youtube | directo hoy | os espero | te espero | en directo hoy | directo "
        "mañana | en directo mañana | directo el"
    ),
    "commissions-open": (
        "comisiones abiertas | abro comisiones | encargos abiertos | acepto encargos | hago "
        "encargos | pedidos abiertos | pedidos personalizados"
    ),
    "open-slots": (
        "huecos | quedan <n> huecos | plazas disponibles | quedan plazas | últimas plazas | "
        "quedan pocas plazas | pocas plazas | quedan <n> plazas | plazas libres"
    ),
    "offer:course": (
        "taller | curso | clase magistral | inscripciones abiertas | entradas | talleres | "
        "cursos | clases"
    ),
    "restock": (
        "reposición | de nuevo en stock | otra vez disponible | vuelven a estar disponibles"
    ),
    "comeback": "han vuelto | ha vuelto | vuelven | ya están aquí | ya está aquí",
    "giveaway": (
        "sorteo | sorteamos | regalamos | #sorteo | concurso | ganador | ganadora | ganadores "
        "| al azar | cómo participar"
    ),
    "giveaway-entry": (
        "para participar | sígueme | dale rt | dale like | menciona a | etiqueta a | comparte "
        "y sigue | comparte para participar | sigue a | haz rt | rt y sigue | ganador mañana "
        "| síguenos | sígueme y | comparte este post | comparte esta publicación"
    ),
    "launch": (
        "lanzamos | lanzamiento | acabamos de lanzar | acaba de salir | ya está disponible | "
        "ya está el nuevo | ya está la nueva | nueva colección | abrimos la tienda | nuestra "
        "tienda online | acabo de lanzar | acabo de publicar | ya está a la venta | sale a la "
        "venta | hoy sale a la venta | estreno | se estrena | nueva temporada | nuevos "
        "diseños | nuevos colores | nuevo merch | novedades | nuevos productos | nueva tanda "
        "| nuevas piezas | nueva remesa | ya está abierta | ya está abierto | está abierta | "
        "tienda online | ya abrimos | hemos abierto | abrimos | hoy abrimos | reabrimos | "
        "nuevo local | nueva carta | nuevo menú | nuevas fechas | nueva fecha | vuelven los | "
        "vuelve el"
    ),
    "release": (
        "sale mañana | sale hoy | mañana sale | hoy sale | nuevo disco | nuevo libro | mi "
        "primera novela"
    ),
    "new-content": (
        "nuevo vídeo | nuevo video | nuevo episodio | episodio <n> | nuevo capítulo | he "
        "subido | subido un vídeo | nueva entrada | vídeo nuevo | video nuevo | nuevo directo "
        "| último vídeo | mi último vídeo | episodio completo | vídeo completo | entrevista "
        "con"
    ),
    "newsletter": "newsletter | boletín | mi boletín",
    "discount": (
        "descuento | de descuento | rebajas | oferta | ofertas | envío gratis | envíos gratis "
        "| cupón | código | usa el código | con el código | hasta un <n>% | primer pedido | "
        "en tu primer pedido | liquidación | rebajas de invierno | rebajas de verano"
    ),
    "limited-offer": (
        "pocas unidades | plazas limitadas | ¡plazas limitadas! | solo hoy | último día | no "
        "te quedes fuera | por tiempo limitado | los primeros <n> | casi agotada | casi "
        "agotado | quedan pocas plazas | pocas plazas | se acaban | hasta el domingo | solo "
        "hasta | hasta mañana | hasta agotar existencias | edición limitada | unidades "
        "limitadas | solo quedan | quedan pocas | quedan <n> | últimas copias | ejemplares "
        "firmados | edición especial | termina mañana | termina hoy | hasta medianoche | "
        "plazas muy limitadas | muy limitadas | últimas plazas | quedan <n> plazas"
    ),
    "ad-disclosure": (
        "#publi | publicidad | #patrocinado | patrocinado | colaboración pagada | enlace de "
        "afiliado"
    ),
    "crypto-shill": "a la luna",
    "ownership": (
        "mi tienda | nuestra tienda | mi nuevo | mi nueva | nuestro nuevo | nuestra nueva | "
        "mi canal | mi libro | mi novela | mi cómic | nuestro pódcast | nuestro podcast | mi "
        "podcast | mi guía | en la tienda | todos mis enlaces | todos mis links"
    ),
    "self-made": (
        "he hecho | hecho a mano | pintado a mano | os enseño | hablamos de | escribí sobre | "
        "he escrito sobre | he probado | te enseño | os cuento | gracias por la espera | "
        "gracias por vuestra paciencia | hechas a mano | hechos a mano | hecha a mano | "
        "piezas únicas"
    ),
    "context:buyer": (
        "me llegó | me ha llegado | compré | he comprado | he reservado | mi pedido | un "
        "pedido de | esperando un pedido | lo compré en rebajas | en rebajas por | me salió "
        "por"
    ),
    "context:third-party": "mi amiga | mi amigo | su tienda | su nuevo | su nueva",
    "context:question": (
        "alguien conoce | alguien sabe | ¿alguien | recomendaciones | acepto recomendaciones"
    ),
    "context:warning": "estafa | cuidado con | no piquéis",
    "context:fan": (
        "mi nueva favorita | mi nuevo favorito | en bucle | obsesionada con | obsesionado con "
        "| lo recomiendo | os lo recomiendo | merece la pena"
    ),
    "affiliate-mention": (
        "enlace de referido | código de referido | con mi código | con mi enlace"
    ),
    "self-announcement": (
        "ya está el nuevo vídeo | ya está el nuevo video | nuevo vídeo ya disponible | nuevo "
        "episodio ya disponible | ya tenéis el nuevo | ya está en el canal | ya en el canal"
    ),
    "context:family": (
        "mi hermana | mi hermano | mi madre | mi padre | mi hija | mi hijo | mi pareja | mi abuela"
    ),
    "crowdfunding": (
        "en verkami | en kickstarter | financiado | mecenazgo | micromecenazgo | campaña de "
        "crowdfunding"
    ),
    "promo-vocabulary": (
        "oferta | ofertas | descuento | descuentos | rebajas | tienda | pedido | pedidos | "
        "preventa | lanzamiento | disponible | limitada | edición | colección | comisiones | "
        "sorteo | suscríbete | envío | envíos | gratis | entradas | curso | taller | canal | "
        "episodio | directo | merch | láminas | pegatinas | reserva | reservas"
    ),
    "context:employee": (
        "donde trabajo | mi jefe | mi jefa | mi turno | mis compañeros de trabajo"
    ),
}
