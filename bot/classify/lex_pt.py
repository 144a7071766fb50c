"""Portuguese trigger phrases by feature: lowercase, separated by "|"; `<n>` is a number."""

from __future__ import annotations

PHRASES: dict[str, str] = {
    "call-to-action:preorder": (
        "pré-venda | pre-venda | prévenda | em pré-venda | reserve já | garanta o seu | "
        "garanta a sua"
    ),
    "call-to-action:buy": (
        "compre já | compre agora | garanta já | já disponível | disponível agora | já está "
        "disponível | à venda | peça já | faça seu pedido | quem comprar agora | frete grátis "
        "| corre | aproveitem | aproveite | aproveita | chama no direct | chama na dm | "
        "orçamento | orçamentos | por r$ | garanta o seu | peça o seu | todos os prints | já "
        "dá pra comprar | dá pra comprar | no site | venham nos visitar | no nosso estande | "
        "tô vendendo | estou vendendo | vendendo meus | vendendo minhas | manda dm | os "
        "disponíveis | me chama | estarei na | estarei no | estaremos na | estaremos no | "
        "sessão de autógrafos | faça já o seu pedido | faça o seu pedido | pelo direct | no "
        "direct | via direct"
    ),
    "call-to-action:link-in-bio": (
        "link na bio | link no perfil | link na minha bio | link no post fixado | link nos "
        "comentários | links na bio"
    ),
    "call-to-action:subscribe": (
        "inscreva-se | se inscreva | assine | assina | se inscrevam | entre no grupo"
    ),
    "call-to-action:support": "me apoie | me apoiar | apoie meu trabalho | apoia.se",
    "call-to-action:watch": (
        "ouça no | ouça agora | assista agora | assista aqui | no canal | passem lá"
    ),
    "call-to-action:live": (
        "ao vivo | ao vivo agora | estou ao vivo | live agora | live hoje | live às | live no "
        "canal | ao vivo hoje | te espero | espero vocês | live amanhã | live domingo | live "
        "no youtube | ao vivo amanhã | live na twitch"
    ),
    "commissions-open": (
        "comissões abertas | encomendas abertas | abri comissões | aceito encomendas | "
        "pedidos abertos | faço encomendas | encomendas de natal | encomendas para o natal | "
        "encomendas de páscoa"
    ),
    "open-slots": (
        "vagas | <n> vagas | vagas abertas | últimas vagas | restam <n> vagas | abri a agenda "
        "| agenda aberta | agenda de tatuagens"
    ),
    "offer:course": (
        "oficina | curso | workshop | aula | inscrições abertas | ingressos | aulas de | "
        "aulas online"
    ),
    "restock": (
        "reposição | de volta ao estoque | voltou ao estoque | novamente disponível | reabastecemos"
    ),
    "comeback": "voltaram | voltou | estão de volta | está de volta",
    "giveaway": (
        "sorteio | vamos sortear | sorteando | #sorteio | ganhador | ganhadora | sorteado | "
        "sorteada | como participar"
    ),
    "giveaway-entry": (
        "para participar | siga o perfil | reposte | marque <n> amigos | marque um amigo | "
        "compartilhe | siga e | comente | vencedor | ganhador | siga-nos | me siga | "
        "compartilhe este post | reposte este post"
    ),
    "launch": (
        "lançamento | lançado | lançada | acabou de sair | nova coleção | chegou a nova | já "
        "está no ar | no ar | acabei de lançar | lancei | estreia | estreou | nova temporada "
        "| novos modelos | novas cores | saiu hoje | já saiu | nova edição | nova leva | "
        "novas peças"
    ),
    "release": (
        "chega às livrarias | meu primeiro romance | meu novo livro | novo álbum | novo "
        "single | sai hoje | sai amanhã"
    ),
    "new-content": (
        "vídeo novo | novo vídeo | video novo | novo video | episódio novo | novo episódio | "
        "episódio <n> | já tá no canal | já está no canal | post novo | nova edição | último "
        "vídeo | meu último vídeo | episódio completo | vídeo completo | entrevista com | "
        "bate-papo com"
    ),
    "newsletter": "newsletter | minha newsletter | nova edição da minha",
    "discount": (
        "desconto | de desconto | cupom | promoção | promoções | com o cupom | use o cupom | "
        "liquidação | oferta | até <n>% | primeira compra | na primeira compra | queima de "
        "estoque | black friday | primeiro mês | no primeiro mês"
    ),
    "limited-offer": (
        "poucas unidades | por tempo limitado | últimas unidades | só hoje | quase esgotada | "
        "quase esgotado | não perca | vagas limitadas | está acabando | acabando | últimos "
        "exemplares | enquanto durar o estoque | até domingo | até sexta | só até | somente "
        "até | até amanhã | promoção relâmpago | relâmpago | até meia-noite | restam | "
        "últimas peças | edição especial | exemplares autografados"
    ),
    "ad-disclosure": (
        "#publi | publi | #publicidade | publicidade | #parceria | parceria paga | link de "
        "afiliado | #recebido"
    ),
    "crypto-shill": "vai valorizar | 100x | rumo à lua",
    "ownership": (
        "minha loja | nossa loja | na loja | meu novo | minha nova | nosso novo | nossa nova "
        "| meu canal | todos os meus links | meu livro | meu primeiro | minha newsletter | "
        "nosso podcast | meu podcast"
    ),
    "self-made": (
        "feito à mão | feitos à mão | artesanais | artesanal | testei | conversamos sobre | "
        "falamos sobre | escrevi sobre | mostro | mostrei | te mostro | obrigado pela "
        "paciência | obrigada pela paciência | conversamos com | entrevistamos | vou "
        "responder | vou mostrar | vou falar sobre"
    ),
    "context:buyer": (
        "comprei | chegou minha | chegou meu | minha encomenda | meu pedido | recebi | "
        "comprei na promoção | paguei"
    ),
    "context:third-party": "minha amiga | meu amigo | a loja dela | a loja dele",
    "context:question": "alguém conhece | alguém sabe | alguém tem | indicações | recomendações",
    "context:warning": "golpe | cuidado com | fraude",
    "context:fan": (
        "meu novo favorito | minha nova favorita | no repeat | recomendo | vale a leitura | "
        "vale muito a pena | maravilhoso | maravilhosa"
    ),
    "affiliate-mention": (
        "link de indicação | cupom de indicação | com meu cupom | com meu link | meu cupom"
    ),
    "self-announcement": (
        "vídeo novo no ar | saiu vídeo novo | já tá no ar | tá no ar | já está no ar | "
        "episódio novo no ar | já tá no canal | já está no canal | saiu o episódio | saiu o "
        "novo | saiu a nova | saiu o vídeo"
    ),
    "context:family": (
        "minha irmã | meu irmão | minha mãe | meu pai | minha filha | meu filho | minha avó"
    ),
    "crowdfunding": "no catarse | financiamento coletivo | apoiadores | meta batida",
    "promo-vocabulary": (
        "promoção | desconto | descontos | loja | pedido | pedidos | encomenda | encomendas | "
        "pré-venda | lançamento | disponível | limitada | edição | coleção | sorteio | frete "
        "| grátis | ingressos | curso | oficina | canal | episódio | vagas | personalizadas | "
        "personalizados | adesivos | mensagem"
    ),
    "context:employee": "onde eu trabalho | meu chefe | minha chefe | meus colegas de trabalho",
}
