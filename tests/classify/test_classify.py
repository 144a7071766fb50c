# ruff: noqa: E501  (tables of realistic post texts read better unwrapped)
"""Behaviour of the pure `classify` function: features, languages, hard negatives, robustness."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from bot.classify import PromoVerdict, classify
from tests.classify.helpers import post

# (case id, record, expected promo, a reason that must be present or None)
PROMO_CASES: list[tuple[str, dict[str, Any], str | None]] = [
    (
        "discount-code",
        post("Use code SPRING25 at checkout for 25% off all stickers!"),
        "discount-code",
    ),
    (
        "percent-off-shop",
        post("Everything is 30% off this weekend", external="https://x.bigcartel.com"),
        "percent-off",
    ),
    (
        "shop-domain-restock",
        post("Restocked the cat mugs!", external="https://catmugs.etsy.com"),
        "shop-domain",
    ),
    ("link-in-bio", post("New stickers are out now, link in bio ✨"), "call-to-action:link-in-bio"),
    (
        "preorder",
        post("Preorders are open for my new zine! Ships in April"),
        "call-to-action:preorder",
    ),
    ("commissions", post("Commissions open! 4 slots this month, DM me"), "commissions-open"),
    (
        "giveaway-follow",
        post("GIVEAWAY: win a plush! To enter: follow me and repost this"),
        "giveaway-follow-to-enter",
    ),
    (
        "affiliate",
        post("The keyboard I use (affiliate link)", links=("https://amzn.to/4abc",)),
        "affiliate-link",
    ),
    (
        "affiliate-tag",
        post(
            "my favourite pan, currently cheap",
            external="https://www.amazon.com/dp/B0X?tag=cook-20",
        ),
        "affiliate-link",
    ),
    (
        "link-hub",
        post("everything I make, in one place 👇", external="https://linktr.ee/someartist"),
        "link-hub-domain",
    ),
    (
        "ad-hashtag",
        post("Loving my new serum from @brand #ad", tags=("ad",), mentions=1),
        "ad-disclosure",
    ),
    ("crypto", post("$ZAPCAT presale is live, 100x incoming, don't miss it"), "crypto-ticker"),
    (
        "crypto-address",
        post("airdrop live! CA: 7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU"),
        "crypto-address",
    ),
    (
        "new-video",
        post("New video is up! I rebuilt my bike from scrap", external="https://youtu.be/abc"),
        "new-content",
    ),
    (
        "stream",
        post("going live now, come hang out", external="https://www.twitch.tv/someone"),
        "call-to-action:live",
    ),
    (
        "newsletter",
        post(
            "This week's newsletter is out: subscribe so you never miss one",
            external="https://x.substack.com/p/1",
        ),
        "newsletter-domain",
    ),
    (
        "kickstarter",
        post(
            "We're launching our board game on Kickstarter tomorrow!",
            external="https://www.kickstarter.com/projects/a/b",
        ),
        "crowdfunding-link",
    ),
    (
        "steam",
        post(
            "Our game is finally out! Wishlist and reviews help so much",
            external="https://store.steampowered.com/app/1/X/",
        ),
        "app-store-link",
    ),
    (
        "patreon",
        post(
            "Consider supporting me on Patreon for early pages",
            external="https://www.patreon.com/someone",
        ),
        "support-domain",
    ),
    (
        "short-link-course",
        post(
            "Get my free course 👉 bit.ly/freecourse limited spots!",
            links=("https://bit.ly/freecourse",),
        ),
        "short-link",
    ),
    (
        "reply-with-code",
        post("yes! use code FRIEND10 for 10% off in my shop", reply=True),
        "discount-code",
    ),
    (
        "hashtag-promo",
        post(
            "New print drop this Friday! #artforsale #shopsmall", tags=("artforsale", "shopsmall")
        ),
        "promo-hashtag",
    ),
    ("es", post("¡Nuevo vídeo en el canal! Link en la bio"), "call-to-action:link-in-bio"),
    ("es-sorteo", post("SORTEO: para participar sígueme y dale RT"), "giveaway-follow-to-enter"),
    (
        "es-code",
        post("Usa el código OTONO20 y llévate un 20% de descuento en la tienda"),
        "discount-code",
    ),
    (
        "de",
        post("Jetzt vorbestellen: mein neues Buch erscheint im Mai!"),
        "call-to-action:preorder",
    ),
    ("de-werbung", post("Werbung | Mit meinem Code ANNA15 spart ihr 15 %"), "ad-disclosure"),
    (
        "de-gewinnspiel",
        post("Gewinnspiel! Zum Mitmachen folgen, reposten und markieren"),
        "giveaway",
    ),
    ("fr", post("Les précommandes sont ouvertes ! Lien en bio"), "call-to-action:preorder"),
    (
        "fr-concours",
        post("CONCOURS : pour participer suivez-nous et repostez"),
        "giveaway-follow-to-enter",
    ),
    ("pt", post("Pré-venda aberta! Garanta já o seu, link na bio"), "call-to-action:link-in-bio"),
    ("pt-cupom", post("Use o cupom VERAO10 e ganhe 10% de desconto na loja"), "discount-code"),
    (
        "ja-preorder",
        post("新刊の予約受付を開始しました！通販はこちら", external="https://booth.pm/ja/items/1"),
        "call-to-action:preorder",
    ),
    (
        "ja-giveaway",
        post("プレゼントキャンペーン！フォロー＆リポストで抽選3名様に"),
        "giveaway-follow-to-enter",
    ),
    (
        "ja-restock",
        post("キーホルダー再入荷しました！数量限定です", external="https://x.base.shop/items/2"),
        "restock",
    ),
]

NOT_PROMO_CASES: list[tuple[str, dict[str, Any]]] = [
    ("plain", post("my cat is asleep on my keyboard again")),
    ("question", post("Does anyone know a good plumber in Leeds?")),
    ("reply", post("haha same, that happened to me last week", reply=True)),
    ("news-link", post("Important read on housing", external="https://www.theguardian.com/a")),
    ("video-share", post("this video about octopuses is amazing", external="https://youtu.be/xyz")),
    (
        "bought",
        post(
            "Just got my order from this etsy shop and I love it",
            external="https://www.etsy.com/listing/1",
        ),
    ),
    (
        "friend-shop",
        post("My friend just opened her shop, go look!", external="https://friendpots.com"),
    ),
    ("preordered", post("I preordered the new Becky Chambers book, can't wait")),
    ("code-word", post("The code is finally working after three days")),
    ("sale-chat", post("the Steam sale got me again, 6 new games")),
    (
        "hashtags",
        post(
            "Morning walk #nature #photography #birds #spring #uk",
            tags=("nature", "photography", "birds", "spring", "uk"),
        ),
    ),
    (
        "link-in-bio-joke",
        post("my therapist said to set boundaries so I put them in my bio. link in bio"),
    ),
    ("scam-warning", post("PSA: that 90% off sneaker site is a scam, don't click")),
    (
        "github",
        post("I finally open sourced my weekend project", external="https://github.com/a/b"),
    ),
    (
        "fundraiser",
        post(
            "Please share: my neighbours lost their home in a fire",
            external="https://www.gofundme.com/f/x",
        ),
    ),
    ("giveaway-winner", post("I won a giveaway for the first time ever!! the mug arrived today")),
    ("price-chat", post("eggs are $6 a dozen now, I can't")),
    ("workshop-visit", post("went to a pottery workshop and made the wonkiest bowl")),
    ("es", post("¿Alguien conoce una tienda de bicis buena en Sevilla?")),
    ("es-buyer", post("Me llegó el pedido y es precioso 😍", images=True)),
    ("de", post("Habe mir die neue Kamera gekauft und bin begeistert")),
    ("de-news", post("Lesenswert", external="https://www.zeit.de/x")),
    ("fr", post("J'ai reçu ma commande, les affiches sont superbes")),
    ("fr-soldes", post("Les soldes c'est dangereux, je suis sortie avec un manteau")),
    ("pt", post("Comprei o livro novo e não consigo parar de ler")),
    ("pt-question", post("Alguém conhece uma loja boa de material de arte?")),
    ("ja", post("予約してた新刊が届いた！最高")),
    ("ja-plain", post("今日は散歩してきた。桜がきれい")),
    ("bought-on-sale", post("Got 50% off my new couch in the sale!")),
    ("family-launch", post("So excited!! My sister just launched her first app, go check it out")),
    ("pt-budget", post("meu orçamento está apertado esse mês")),
    ("es-family", post("te espero en casa a las 8, mamá")),
    ("new-episode-of", post("New episode of Taskmaster is out and it is chaos")),
    (
        "bundle-question",
        post("Trying to decide if the bundle is worth it or if I just buy the one game"),
    ),
    (
        "thrifted-signed-copy",
        post("found a signed copy of my favourite novel in a charity shop for £2!!!"),
    ),
    ("empty", post("")),
    ("image-only", post("", images=True)),
]


# Posts written after the classifier, as fresh probes of the general case (not tuning data).
PROBES: list[tuple[str, bool, dict[str, Any]]] = [
    # promo
    (
        "p1",
        True,
        post(
            "Big news: the Moonlit Tarot deck is finally available! Shipping starts next week 🌙",
            external="https://moonlittarot.com/shop",
        ),
    ),
    (
        "p2",
        True,
        post(
            "Episode 8 of The Slow Lane just dropped, with @marcy.bsky.social on van life",
            external="https://podcasts.apple.com/x",
        ),
    ),
    (
        "p3",
        True,
        post(
            "Launch week! Our budgeting app Penny is now on the App Store and Google Play",
            external="https://apps.apple.com/app/penny/id1",
        ),
    ),
    (
        "p4",
        True,
        post(
            "Sticker sheets restocked + two new designs 🐝",
            external="https://beestudio.bigcartel.com",
        ),
    ),
    (
        "p5",
        True,
        post(
            "Now booking spring family sessions 📸 a few dates left in April, message me to reserve"
        ),
    ),
    (
        "p6",
        True,
        post(
            "Hey friends, my second novel comes out in 3 weeks and preorders REALLY help authors like me. Here's where you can get it:",
            external="https://bookshop.org/p/books/x/1",
        ),
    ),
    (
        "p7",
        True,
        post(
            "Use my referral link and we both get $20 off your first box!",
            links=("https://hellofresh.com/?ref=ANNA20",),
        ),
    ),
    (
        "p8",
        True,
        post(
            "New blog post: 10 tips for cozy winter reading (plus my favourite blankets, affiliate links inside)",
            external="https://cozyreads.blog/winter",
        ),
    ),
    ("p9", True, post("🎁 win a signed print! RT + follow to enter, ends Friday", images=True)),
    (
        "p10",
        True,
        post(
            "Black Friday starts NOW: 30% off sitewide with code BF30 🖤",
            external="https://www.inkwell.store",
        ),
    ),
    (
        "p11",
        True,
        post(
            "The new issue of Quiet Hours is in your inbox. This month: solitude, and soup.",
            external="https://quiethours.substack.com/p/10",
        ),
    ),
    (
        "p12",
        True,
        post("My Ko-fi commissions are open again, 3 slots!", external="https://ko-fi.com/lumi"),
    ),
    (
        "p13",
        True,
        post("gm! $FROGE is about to send, chart looks insane, get in before CEX listing 🐸🚀"),
    ),
    (
        "p14",
        True,
        post(
            "Nuevo episodio ya disponible en todas las plataformas 🎧",
            external="https://open.spotify.com/episode/1",
        ),
    ),
    (
        "p15",
        True,
        post(
            "¡Abrimos reservas para el taller de cerámica de mayo! Quedan pocas plazas",
            external="https://tallerbarro.es/mayo",
        ),
    ),
    (
        "p16",
        True,
        post(
            "Neues Video: Ich habe 30 Tage lang jeden Morgen kalt geduscht 🥶",
            external="https://www.youtube.com/watch?v=1",
        ),
    ),
    (
        "p17",
        True,
        post(
            "Unser Adventskalender ist wieder da! Nur solange der Vorrat reicht 🎄",
            external="https://teehaus.de/products/advent",
        ),
    ),
    (
        "p18",
        True,
        post(
            "Mon nouveau livre sort le 4 avril ! Vous pouvez déjà le précommander chez votre libraire",
            external="https://www.placedeslibraires.fr/x",
        ),
    ),
    (
        "p19",
        True,
        post("Nouvelle collection printemps dispo sur l'e-shop 🌷 livraison offerte ce week-end"),
    ),
    (
        "p20",
        True,
        post(
            "Saiu vídeo novo no canal! Fiz um tour pela minha horta 🌱",
            external="https://youtu.be/a",
        ),
    ),
    (
        "p21",
        True,
        post(
            "Últimas unidades do calendário 2026! Corre que está acabando",
            external="https://lojadabia.com.br/calendario",
        ),
    ),
    (
        "p22",
        True,
        post(
            "新しいグッズを作りました！BOOTHにて販売中です", external="https://booth.pm/ja/items/9"
        ),
    ),
    (
        "p23",
        True,
        post("本日20時から配信します！ぜひ遊びに来てね", external="https://www.youtube.com/live/x"),
    ),
    (
        "p24",
        True,
        post("check out my linktree for all my socials + shop 💕", external="https://linktr.ee/me"),
    ),
    (
        "p25",
        True,
        post(
            "Grab a copy of my zine here! Only $5 + shipping",
            external="https://bluezine.storenvy.com",
        ),
    ),
    # not promo
    ("n1", False, post("Finally finished reading Piranesi. What a strange, beautiful book")),
    (
        "n2",
        False,
        post("Anyone have recommendations for a good shop vac? Mine just died", reply=False),
    ),
    ("n3", False, post("The new Zelda is out and I have taken the day off work. No regrets")),
    (
        "n4",
        False,
        post("my sister's bakery turned 5 today and I'm so proud of her 🥐", images=True),
    ),
    (
        "n5",
        False,
        post(
            "Reading this thread on Kickstarter fulfilment horror stories and wow",
            external="https://bsky.app/profile/x/post/1",
        ),
    ),
    ("n6", False, post("Just booked flights to Lisbon for June!! First trip in 4 years")),
    (
        "n7",
        False,
        post("The sale at the garden centre was chaos, came home with 6 plants and no regrets"),
    ),
    (
        "n8",
        False,
        post(
            "This is the best explanation of inflation I've seen",
            external="https://www.youtube.com/watch?v=econ",
        ),
    ),
    (
        "n9",
        False,
        post("lol my mom just discovered link in bio and now she's an influencer apparently"),
    ),
    (
        "n10",
        False,
        post(
            "Got these boots from a tiny shop in Porto and they're the comfiest thing I own",
            external="https://www.etsy.com/listing/9",
        ),
    ),
    ("n11", False, post("Our new puppy is finally home! Meet Biscuit 🐶", images=True)),
    ("n12", False, post("Does anyone know if the library has the new Sally Rooney yet?")),
    (
        "n13",
        False,
        post(
            "We launched the rocket club's first model rocket today and it actually flew",
            images=True,
        ),
    ),
    (
        "n14",
        False,
        post(
            "Sad that my favourite café is closing. Go visit them this week if you can 💔",
            external="https://maps.app.goo.gl/x",
        ),
    ),
    (
        "n15",
        False,
        post("Mi abuela cumple 90 años hoy y sigue haciendo la mejor tortilla del mundo"),
    ),
    ("n16", False, post("Alguien sabe si el museo abre los lunes?")),
    ("n17", False, post("Ich habe heute meinen ersten Halbmarathon geschafft! 2:05")),
    (
        "n18",
        False,
        post(
            "Quelqu'un a déjà testé cette appli pour apprendre le japonais ?",
            external="https://apps.apple.com/app/x/id2",
        ),
    ),
    ("n19", False, post("Minha filha aprendeu a andar de bicicleta hoje 🥹")),
    ("n20", False, post("新しいカメラ買った！明日試し撮りに行く")),
    (
        "n21",
        False,
        post(
            "This artist's work is stunning, I bought two prints last year and they make my whole flat",
            external="https://www.inprnt.com/gallery/x",
        ),
    ),
    ("n22", False, post("Congrats on the launch!! So happy for you 🎉", reply=True)),
    ("n23", False, post("Bitcoin going up again and I still don't understand any of it")),
    (
        "n24",
        False,
        post(
            "I'm giving away my old sofa for free if anyone in Brixton needs one, just come pick it up"
        ),
    ),
    (
        "n25",
        False,
        post(
            "Reminder: the library book sale is this Saturday, proceeds go to the kids' reading program"
        ),
    ),
    # tricky negatives
    ("h1", False, post("My new book club pick is so good, can't put it down")),
    ("h2", False, post("I'm so proud of my students, their art show opens tonight!", images=True)),
    (
        "h3",
        False,
        post("Does anyone have a discount code for Etsy? Trying to buy a gift for my mum"),
    ),
    (
        "h4",
        False,
        post("Restocked the bird feeder and within an hour the squirrels had emptied it"),
    ),
    (
        "h5",
        False,
        post(
            "new video from Tom Scott just dropped, clearing my schedule",
            external="https://www.youtube.com/watch?v=ts",
        ),
    ),
    ("h6", False, post("Preorders are open for the new Tamsyn Muir book, who else is excited??")),
    (
        "h7",
        False,
        post(
            "The Kickstarter I backed in 2021 finally shipped. Only four years late lol",
            external="https://www.kickstarter.com/projects/x/y",
        ),
    ),
    (
        "h8",
        False,
        post(
            "I love my Patreon supporters so much, thank you for keeping the lights on this year 💛"
        ),
    ),
    (
        "h9",
        False,
        post(
            "Our team just shipped the new search feature at work after 6 months, I'm exhausted and happy"
        ),
    ),
    (
        "h10",
        False,
        post("Went live on local radio today to talk about the flood recovery, terrifying but fun"),
    ),
    ("h11", False, post("Commissions are so hard to price. How do you all decide what to charge?")),
    (
        "h12",
        False,
        post("omg the giveaway I entered last week just messaged me, I WON 😭", reply=True),
    ),
    (
        "h13",
        False,
        post("20% off at the bakery because it's my birthday week, the staff remembered me 🥹"),
    ),
    (
        "h14",
        False,
        post("There's a sale at Waterstones and I have zero self-control, send help", images=True),
    ),
    (
        "h15",
        False,
        post("Our new kitchen is finally done!! Two months of chaos but worth it", images=True),
    ),
    (
        "h16",
        False,
        post("Check out this incredible bird photo my dad took this morning", images=True),
    ),
    ("h17", False, post("Subscribe to what? I'm so confused by this app's settings", reply=True)),
    ("h18", False, post("Just watched the new episode of Severance and I need to talk about it")),
    ("h19", False, post("the link in bio era of the internet really broke something in us")),
    ("h20", False, post("Is it worth buying the Kindle Scribe? Use case: taking notes at uni")),
    (
        "h21",
        False,
        post(
            "Lovely article about our village bakery in the local paper!",
            external="https://www.yorkshirepost.co.uk/news/bakery",
        ),
    ),
    ("h22", False, post("Cancelled my Spotify today, trying to buy albums on Bandcamp instead")),
    ("h23", False, post("Reading my old blog posts from 2009 and cringing so hard")),
    ("h24", False, post("Episode 3 of the new Doctor Who was genuinely scary")),
    ("h25", False, post("¿Alguien tiene un código de descuento para Renfe? Pregunto por un amigo")),
    (
        "h26",
        False,
        post(
            "Mi nuevo libro favorito: 'La ridícula idea de no volver a verte'. Lo recomiendo muchísimo"
        ),
    ),
    ("h27", False, post("Ich habe gestern im Laden an der Ecke die besten Brötchen gekauft")),
    ("h28", False, post("Neue Folge Tatort gestern war echt spannend, wer hat's gesehen?")),
    (
        "h29",
        False,
        post(
            "Nouvelle vidéo de Mcfly et Carlito, j'ai pleuré de rire",
            external="https://www.youtube.com/watch?v=mc",
        ),
    ),
    ("h30", False, post("J'ai craqué pendant les soldes, trois livres et un pull 😅")),
    ("h31", False, post("Alguém tem cupom do iFood? Tô com fome e sem dinheiro kkkk")),
    ("h32", False, post("Novo episódio de The Last of Us me destruiu emocionalmente")),
    ("h33", False, post("セールで買ったスニーカー、めちゃくちゃ歩きやすい")),
    ("h34", False, post("友達の新刊、本屋さんで見つけて買った！おめでとう")),
    (
        "h35",
        False,
        post(
            "My friend's band just released their first album and it rules, give it a listen",
            external="https://open.spotify.com/album/x",
        ),
    ),
    # subtle / clear promos
    (
        "s1",
        True,
        post(
            "sketchbook tour is up on the channel, 45 minutes of me flipping pages",
            external="https://www.youtube.com/watch?v=sk",
        ),
    ),
    (
        "s2",
        True,
        post(
            "Our spring menu launches Friday 🌸 come see us",
            external="https://www.instagram.com/thebakery",
        ),
    ),
    (
        "s3",
        True,
        post(
            "Quick reminder that the print sale ends at midnight!",
            external="https://printsbymae.com/shop",
        ),
    ),
    (
        "s4",
        True,
        post(
            "only 3 of these left, then they're gone for good",
            external="https://studioferns.myshopify.com/products/fern-vase",
        ),
    ),
    (
        "s5",
        True,
        post(
            "If you've been waiting for the hoodie restock, today's the day 🖤",
            external="https://quietmerch.com/products/hoodie",
        ),
    ),
    (
        "s6",
        True,
        post(
            "ICYMI: I wrote about why I quit social media for a year. Free to read, paid subs get the audio version",
            external="https://anna.substack.com/p/quit",
        ),
    ),
    (
        "s7",
        True,
        post(
            "Tickets for my solo show in Bristol are on sale now! 🎭",
            external="https://www.eventbrite.co.uk/e/x",
        ),
    ),
    (
        "s8",
        True,
        post(
            "My illustrated guide to British birds is 40% off for the next 24 hours",
            external="https://www.amazon.co.uk/dp/B0BIRD",
        ),
    ),
    (
        "s9",
        True,
        post(
            "Honored to announce my debut poetry collection, out this autumn from Tiny Press. Preorder link below ✨"
        ),
    ),
    (
        "s10",
        True,
        post(
            "We've got a few tables left for Valentine's night, book via the link",
            external="https://www.opentable.com/r/x",
        ),
    ),
    (
        "s11",
        True,
        post(
            "Vuelven las sudaderas de la tienda, esta vez en verde 💚",
            external="https://tiendaluna.es/products/sudadera",
        ),
    ),
    (
        "s12",
        True,
        post(
            "Meine Sticker gibt es jetzt auch auf Etsy!", external="https://www.etsy.com/de/shop/x"
        ),
    ),
    (
        "s13",
        True,
        post(
            "La nouvelle fournée de tote bags est en ligne, premier arrivé premier servi !",
            external="https://atelierxyz.fr/boutique",
        ),
    ),
    (
        "s14",
        True,
        post(
            "Tá no ar o episódio 12 do nosso podcast! Bora ouvir?",
            external="https://open.spotify.com/episode/x",
        ),
    ),
    (
        "s15",
        True,
        post(
            "イベントで頒布した新刊、通販始まりました！",
            external="https://www.melonbooks.co.jp/detail/x",
        ),
    ),
    (
        "s16",
        True,
        post(
            "Hey, we're hiring! Actually no — we're SELLING. Our new mugs just dropped 😂",
            external="https://mugclub.store",
        ),
    ),
    (
        "s17",
        True,
        post(
            "The full recording of last night's workshop is now available to members",
            external="https://www.patreon.com/posts/x",
        ),
    ),
    (
        "s18",
        True,
        post(
            "Mi curso de fotografía móvil abre inscripciones el lunes. Plazas limitadas 📱",
            external="https://hotmart.com/es/x",
        ),
    ),
    (
        "s19",
        True,
        post(
            "Just hit 500 sales on my Etsy shop!! To celebrate, everything is 15% off this week 🎉"
        ),
    ),
    (
        "s20",
        True,
        post(
            "Wishlist Hollow Bloom on Steam, demo out now!",
            external="https://store.steampowered.com/app/9/x",
        ),
    ),
    (
        "q1",
        True,
        post(
            "NEW MERCH ALERT 🚨🚨 shirts, hats and a very cursed mug. go go go",
            external="https://fourthwall.com/x",
        ),
    ),
    (
        "q2",
        True,
        post(
            "reminder my shop closes for the holidays on the 15th, last chance to order before xmas!!",
            external="https://www.etsy.com/shop/x",
        ),
    ),
    (
        "q3",
        True,
        post(
            "part 2 is live!!! thank u for all the love on part 1 🥺",
            external="https://www.tiktok.com/@me/video/1",
        ),
    ),
    (
        "q4",
        True,
        post(
            "🚨 FREE MINT 🚨 1000 pixel frogs, mint opens 8pm UTC, whitelist spots going fast",
            external="https://magiceden.io/x",
        ),
    ),
    ("q5", True, post("Our shop's 3rd birthday sale is ON. 25% off, today only ✨")),
    (
        "q6",
        True,
        post(
            "I made a font! It's called Marmalade and it's free for personal use, pay-what-you-want for commercial",
            external="https://marmalade.itch.io/font",
        ),
    ),
    (
        "q7",
        True,
        post(
            "My Substack hit 1,000 subscribers today 🥹 if you're new here, this is the best place to start:",
            external="https://x.substack.com/p/start",
        ),
    ),
    (
        "q8",
        True,
        post("Follow + repost for a chance to win one of 5 signed copies! Winners drawn Sunday 📚"),
    ),
    (
        "q9",
        True,
        post(
            "today's comic! and yes, you can get it as a print",
            external="https://www.inprnt.com/gallery/me/comic",
        ),
    ),
    (
        "q10",
        True,
        post(
            "Frisch aus dem Ofen: unser neues Kochbuch ist ab heute im Handel! 📖",
            external="https://www.thalia.de/shop/home/artikeldetails/A3",
        ),
    ),
    (
        "q11",
        True,
        post(
            "Nouveau merch sur la boutique ! T-shirts et stickers, dispo jusqu'à épuisement des stocks",
            external="https://maboutique.fr/merch",
        ),
    ),
    (
        "q12",
        True,
        post(
            "Chegou a nova coleção de canecas! Aproveitem o frete grátis até domingo ☕",
            external="https://canecaria.com.br/colecao",
        ),
    ),
    (
        "q13",
        True,
        post(
            "新作ステッカーできました！通販ページに追加しています", external="https://suzuri.jp/me"
        ),
    ),
    (
        "q14",
        True,
        post(
            "Spent the weekend making these tiny ceramic frogs. They'll be in the shop Friday at noon 🐸",
            images=True,
        ),
    ),
    (
        "q15",
        True,
        post(
            "We're live on Product Hunt today! Would love your support 🙏",
            external="https://www.producthunt.com/posts/x",
        ),
    ),
    ("r1", False, post("NEW PHONE WHO DIS. seriously though I dropped mine in the river")),
    ("r2", False, post("my shop teacher in high school was the only adult who believed in me")),
    ("r3", False, post("part 2 of my house renovation saga: the plumber never showed up")),
    ("r4", False, post("The frogs are back in the pond!! Spring is here 🐸", images=True)),
    (
        "r5",
        False,
        post("Got the 25% off student discount on my train ticket and felt like a genius"),
    ),
    ("r6", False, post("if anyone wants my old Switch games just DM me, free to a good home")),
    (
        "r7",
        False,
        post(
            "Does anyone else think the new Steam store layout is awful?",
            external="https://store.steampowered.com",
        ),
    ),
    ("r8", False, post("I signed up for a pottery class and I'm weirdly nervous")),
    (
        "r9",
        False,
        post(
            "Launch day for my kid's school science fair rocket!! It went 20 feet 🚀", images=True
        ),
    ),
    (
        "r10",
        False,
        post(
            "My dad's new hobby is leaving 1-star reviews on Amazon for products he hasn't bought"
        ),
    ),
    (
        "r11",
        False,
        post(
            "Just found out my favourite bookshop is doing free delivery now, love them",
            external="https://www.foyles.co.uk",
        ),
    ),
    ("r12", False, post("Heute habe ich meine erste eigene Wohnung bekommen! 🏠")),
    ("r13", False, post("Je viens de terminer mon premier marathon, je ne sens plus mes jambes")),
    (
        "r14",
        False,
        post(
            "Hoje lançaram o novo trailer do filme e eu já tô chorando",
            external="https://www.youtube.com/watch?v=tr",
        ),
    ),
    ("r15", False, post("今日はセールに行ったけど何も買わなかった。えらい")),
    (
        "es1",
        True,
        post(
            "¡Ya podéis comprar mi fanzine! Edición limitada de 100 copias 🖤",
            external="https://fanzinenegro.bigcartel.com",
        ),
    ),
    (
        "es2",
        True,
        post(
            "Hoy a las 19h directo en Twitch jugando al nuevo Zelda, ¡os espero!",
            external="https://www.twitch.tv/lauragames",
        ),
    ),
    (
        "es3",
        True,
        post("Llega el Black Friday a nuestra tienda: 30% en toda la web con el código BF30"),
    ),
    (
        "es4",
        True,
        post(
            "Nuevo capítulo del cómic ya disponible en Webtoon 💜",
            external="https://www.webtoons.com/es/x",
        ),
    ),
    ("es5", False, post("Qué ganas tengo de que salga el nuevo disco de Rosalía")),
    ("es6", False, post("He comprado unas zapatillas en rebajas y estoy feliz como una niña")),
    ("es7", False, post("Mi gata ha decidido que el teclado es su nueva cama")),
    ("es8", False, post("¿Alguien me recomienda una buena tienda de plantas en Barcelona?")),
    (
        "de1",
        True,
        post(
            "Der neue Podcast ist online! Folge 1: Warum wir alle zu wenig schlafen 🎧",
            external="https://open.spotify.com/episode/de",
        ),
    ),
    (
        "de2",
        True,
        post(
            "Mein Etsy-Shop hat wieder geöffnet! Neue Drucke und Postkarten 🌿",
            external="https://www.etsy.com/de/shop/y",
        ),
    ),
    ("de3", True, post("Nur noch bis Sonntag: 20 % auf alles im Shop mit dem Code WINTER20")),
    (
        "de4",
        False,
        post("Hat jemand Erfahrung mit dem neuen Deutschlandticket-Abo? Lohnt sich das?"),
    ),
    ("de5", False, post("Endlich Urlaub! Zwei Wochen Ostsee, kein Laptop")),
    (
        "de6",
        False,
        post(
            "Dieses Buch hat mich total umgehauen, kann ich nur empfehlen",
            external="https://www.thalia.de/shop/home/artikeldetails/A9",
        ),
    ),
    (
        "fr1",
        True,
        post(
            "Mon atelier de linogravure du 12 mars est ouvert aux inscriptions ! Il reste 4 places",
            external="https://atelier-lino.fr/mars",
        ),
    ),
    (
        "fr2",
        True,
        post(
            "Le tome 2 est enfin dispo en librairie !! Merci pour votre patience 💛",
            external="https://www.fnac.com/a123",
        ),
    ),
    (
        "fr3",
        True,
        post(
            "Grosse promo ce week-end sur la boutique : -30 % sur tous les carnets",
            external="https://carnetsdelea.fr/boutique",
        ),
    ),
    ("fr4", False, post("Je cherche une bonne boutique de vélos à Lyon, des idées ?")),
    ("fr5", False, post("Ma fille a eu son bac !! Trop fière 🎓")),
    ("fr6", False, post("J'ai acheté le nouveau Astérix, c'est pas terrible")),
    (
        "pt1",
        True,
        post(
            "Abri a agenda de tatuagens para março! Chama no direct para orçamento ✨", images=True
        ),
    ),
    (
        "pt2",
        True,
        post(
            "Meu e-book de receitas veganas está com 50% de desconto só hoje!",
            external="https://hotmart.com/pt-br/x",
        ),
    ),
    (
        "pt3",
        True,
        post(
            "Live hoje às 20h no canal! Vamos conversar sobre carreira em tecnologia",
            external="https://www.youtube.com/live/pt",
        ),
    ),
    ("pt4", False, post("Alguém sabe se a Black Friday da Amazon vale a pena mesmo?")),
    ("pt5", False, post("Fui no show ontem e foi simplesmente perfeito")),
    ("pt6", False, post("Comprei um tênis novo e meu pé agradece")),
    (
        "ja1",
        True,
        post("冬の新作ニット、本日20時より販売開始です！", external="https://knitshop.stores.jp"),
    ),
    (
        "ja2",
        True,
        post(
            "LINEスタンプ第2弾リリースしました🐰 よろしくお願いします！",
            external="https://store.line.me/stickershop/product/1",
        ),
    ),
    ("ja3", True, post("コミッション受付中です。詳細はリンクから", external="https://skeb.jp/@me")),
    ("ja4", False, post("新しいスニーカー買ったけどもったいなくて履けない")),
    ("ja5", False, post("セブンの新作スイーツおいしかった")),
    ("ja6", False, post("このゲームのセールいつまでですか？")),
    (
        "t1",
        True,
        post(
            "hand-dyed yarn update going up tonight at 7pm EST! 12 new colourways 🧶",
            external="https://dyepotyarns.com/collections/new",
        ),
    ),
    (
        "t2",
        True,
        post(
            "Psst... the bundle deal ends tomorrow. 3 ebooks for the price of 1",
            external="https://payhip.com/b/xyz",
        ),
    ),
    (
        "t3",
        True,
        post(
            "Want weekly tips on growing veg in small spaces? That's what my letter is for, it's free",
            external="https://smallplot.beehiiv.com",
        ),
    ),
    (
        "t4",
        True,
        post(
            "Season 2 premieres Monday! Trailer below 👇 #podcast",
            external="https://www.youtube.com/watch?v=s2",
            tags=("podcast",),
        ),
    ),
    (
        "t5",
        True,
        post(
            "Only 10 copies of the hardback special edition left!",
            external="https://wordsmithpress.com/products/special-edition",
        ),
    ),
    (
        "t6",
        True,
        post(
            "I'm doing a Q&A on my stream tomorrow at 6pm, bring questions! twitch.tv/coolcat",
            links=("https://twitch.tv/coolcat",),
        ),
    ),
    ("t7", True, post("Back in stock: the lavender soap everyone kept asking about 💜")),
    (
        "t8",
        True,
        post(
            "Just released my first Lightroom preset pack! 20 presets for moody landscapes",
            external="https://gumroad.com/l/moody",
        ),
    ),
    (
        "t9",
        True,
        post(
            "Free shipping on all orders this weekend only ✨ treat yourself",
            external="https://thecozycorner.shop",
        ),
    ),
    (
        "t10",
        True,
        post(
            "My newest pattern, the Fern Cardigan, is now live on Ravelry! 15% off with code FERN15 until Sunday",
            external="https://www.ravelry.com/patterns/library/fern",
        ),
    ),
    (
        "t11",
        True,
        post(
            "Hoy sale a la venta mi libro de recetas. Gracias por tanto cariño 🥘",
            external="https://www.casadellibro.com/libro-recetas/1",
        ),
    ),
    (
        "t12",
        True,
        post(
            "Letzte Chance: Unser Kalender 2026 ist fast ausverkauft!",
            external="https://papierliebe.de/products/kalender",
        ),
    ),
    (
        "t13",
        True,
        post(
            "Les inscriptions pour mon stage d'aquarelle de juillet sont ouvertes ☀️",
            external="https://aquarelle-marie.fr/stages",
        ),
    ),
    (
        "t14",
        True,
        post(
            "Promoção relâmpago! Todos os prints por R$ 25 até meia-noite",
            external="https://printsdacarol.com.br/loja",
        ),
    ),
    (
        "t15",
        True,
        post(
            "新作イラスト集、メロンブックスで予約開始しました！",
            external="https://www.melonbooks.co.jp/detail/2",
        ),
    ),
    (
        "t16",
        True,
        post("follow @tinyleafco and repost to win our monstera starter kit 🌱 winner tomorrow!"),
    ),
    (
        "t17",
        True,
        post(
            "Now taking custom pet portrait orders for Christmas! Only 6 spots left 🐶🎄",
            images=True,
        ),
    ),
    (
        "t18",
        True,
        post(
            "The latest issue of my zine is out and it's all about bus stops",
            external="https://busstopzine.bigcartel.com",
        ),
    ),
    (
        "t19",
        True,
        post(
            "new single 'Static Bloom' out everywhere friday, pre-save link below",
            external="https://distrokid.com/hyperfollow/x",
        ),
    ),
    (
        "t20",
        True,
        post(
            "Come to our open studio this Saturday! Prints, originals and cards for sale, 10am-4pm",
            images=True,
        ),
    ),
    (
        "u1",
        False,
        post("I can't believe the bakery downstairs sold out of croissants by 8am again"),
    ),
    (
        "u2",
        False,
        post("just got my first paycheck from the new job and immediately spent it on plants"),
    ),
    (
        "u3",
        False,
        post(
            "The new episode of Slow Horses is out and Jackson Lamb remains the best character on TV"
        ),
    ),
    (
        "u4",
        False,
        post("Anyone going to the comic con this weekend? I'll be the one in the frog hat"),
    ),
    (
        "u5",
        False,
        post("My grandad's 90th birthday party was today. He danced. We cried.", images=True),
    ),
    (
        "u6",
        False,
        post(
            "A reminder that the food bank needs tins and nappies this week, drop-off at the library"
        ),
    ),
    (
        "u7",
        False,
        post("Someone left a free bookshelf on the corner and I carried it home alone like a fool"),
    ),
    ("u8", False, post("hot take: limited edition anything is a scam to make you anxious")),
    (
        "u9",
        False,
        post(
            "Watched the launch livestream at 4am and it was worth it 🚀",
            external="https://www.youtube.com/watch?v=launch",
        ),
    ),
    (
        "u10",
        False,
        post(
            "My daughter's school is selling raffle tickets for the new playground, I bought 20 lol"
        ),
    ),
    ("u11", False, post("This thread of cats in boxes is exactly what I needed today")),
    ("u12", False, post("Shoutout to the barista who remembered my order after one visit")),
    (
        "u13",
        False,
        post("Mi hermano acaba de abrir su primer restaurante y estoy orgullosísima", images=True),
    ),
    (
        "u14",
        False,
        post("Heute im Angebot: nichts, weil ich nichts mehr brauche. Minimalismus, Tag 3"),
    ),
    ("u15", False, post("Le nouveau Miyazaki sort enfin en France, qui vient avec moi ?")),
    ("u16", False, post("Alguém mais viciado nesse jogo novo? Joguei a noite toda")),
    ("u17", False, post("新作のゲーム、発売日に買ったけどまだ積んでる")),
    ("u18", False, post("free tip: if your sourdough is too sour, feed the starter more often")),
    (
        "u19",
        False,
        post("Went to the makers market today and spent way too much on candles", images=True),
    ),
    ("u20", False, post("Check your local library, they often have free museum passes!")),
    ("v1", False, post("now taking a nap, wake me when it's spring")),
    (
        "v2",
        False,
        post(
            "The trailer for the new Dune film gave me chills",
            external="https://www.youtube.com/watch?v=dune",
        ),
    ),
    ("v3", False, post("Season 3 of Bluey is the best television ever made, fight me")),
    (
        "v4",
        False,
        post("Join us at the climate march on Saturday, meeting at noon by the fountain"),
    ),
    (
        "v5",
        False,
        post(
            "my first time making dumplings from scratch, they look like little aliens", images=True
        ),
    ),
    ("v6", False, post("found a signed copy of my favourite novel in a charity shop for £2!!!")),
    ("v7", False, post("Our first apartment together! Keys today 🔑", images=True)),
    ("v8", False, post("I live at the end of a very long road and the bin men forgot us again")),
    (
        "v9",
        False,
        post("Trying to decide if the bundle is worth it or if I just buy the one game I want"),
    ),
    (
        "v10",
        False,
        post("Premiere night for my daughter's school play, she was a very convincing tree 🌳"),
    ),
    (
        "v11",
        False,
        post("My newsletter subscriptions are out of control, unsubscribing from 40 things today"),
    ),
    (
        "v12",
        False,
        post("The frog restock at the pet shop means my son now wants a frog. Send help"),
    ),
    (
        "v13",
        False,
        post("Is anything on sale for Black Friday actually a good deal? Genuinely asking"),
    ),
    (
        "v14",
        False,
        post("Thanks to everyone who came to my birthday, I'm so lucky to have you all 💛"),
    ),
    ("v15", False, post("The new Pixel is out today and I'm trying very hard not to buy it")),
    (
        "v16",
        False,
        post("I backed the Kickstarter for the new Pathfinder box and now I wait two years"),
    ),
    ("v17", False, post("Watching the premiere with friends tonight, no spoilers pls")),
    ("v18", False, post("Mi primera vez en Japón y ya quiero volver")),
    ("v19", False, post("Ab heute habe ich Urlaub! Drei Wochen nichts tun")),
    ("v20", False, post("Les inscriptions à la fac sont un enfer administratif, aidez-moi")),
    ("v21", False, post("Estreia hoje o filme que eu mais esperava no ano, vou no cinema à noite")),
    ("v22", False, post("受付中の書類がまだ届かない…役所遅すぎ")),
    ("v23", False, post("Live at Wembley was the best concert of my life, still buzzing")),
    ("v24", False, post("Pop-up library in the park today, the kids loved it", images=True)),
    (
        "v25",
        False,
        post("I can't stop buying houseplants, send help, the bundle of pothos was too cheap"),
    ),
    (
        "v26",
        False,
        post("So proud of my students, they just released their first zine!", images=True),
    ),
    (
        "v27",
        False,
        post("Registration is open for the city half marathon and I'm scared to sign up"),
    ),
    ("v28", False, post("The store near me restocked the oat milk and I bought 6 cartons")),
    (
        "v29",
        False,
        post("free shipping on my mum's birthday present because I forgot to order it in time lol"),
    ),
    ("v30", False, post("out now: me, out of bed, finally, at 2pm")),
    (
        "w1",
        True,
        post(
            "✨ SHOP OPEN ✨ new charms, keychains and a few seconds sale items",
            external="https://charmcity.bigcartel.com",
        ),
    ),
    (
        "w2",
        True,
        post(
            "my webcomic's second volume is on Kickstarter and we're 80% funded with 9 days to go!! 🥹",
            external="https://www.kickstarter.com/projects/x/vol2",
        ),
    ),
    (
        "w3",
        True,
        post(
            "Episode 200!!! We celebrate with a listener mailbag. Thank you for 5 years 💛",
            external="https://pod.link/12345",
        ),
    ),
    ("w4", True, post("Restock Sunday! The whole moth collection is back + 2 new species 🦋")),
    ("w5", True, post("Get 10% off your first order with my code LUNA10 🌙")),
    (
        "w6",
        True,
        post(
            "I'm selling my original paintings from the sea series, DM if interested! Prices in alt text",
            images=True,
        ),
    ),
    (
        "w7",
        True,
        post(
            "Early access for patrons starts today, public release next week",
            external="https://www.patreon.com/posts/1",
        ),
    ),
    (
        "w8",
        True,
        post(
            "Grab my free guide to raised beds, just pop your email in",
            external="https://gardenjo.com/free-guide",
        ),
    ),
    (
        "w9",
        True,
        post(
            "Cyber Monday: all courses 50% off, today only",
            external="https://learnwithtom.teachable.com",
        ),
    ),
    (
        "w10",
        True,
        post(
            "Our Halloween collection is here 🎃 limited quantities",
            external="https://spookyco.com/collections/halloween",
        ),
    ),
    (
        "w11",
        True,
        post("NEW EPISODE: the history of the humble potato 🥔 listen now on all podcast apps"),
    ),
    (
        "w12",
        True,
        post(
            "Pre-order the vinyl now, ships in March 🎶",
            external="https://band.bandcamp.com/album/x",
        ),
    ),
    (
        "w13",
        True,
        post(
            "signed bookplates are available for anyone who orders from my local indie by friday!",
            external="https://bookshop.org/shop/mylocal",
        ),
    ),
    (
        "w14",
        True,
        post(
            "Just dropped a new tutorial on my YouTube: how I ink my comics with a brush pen",
            external="https://www.youtube.com/watch?v=ink",
        ),
    ),
    (
        "w15",
        True,
        post(
            "Our little bakery now does nationwide delivery!! Order by Thursday for weekend delivery 🍞",
            external="https://crumbandco.co.uk",
        ),
    ),
    (
        "w16",
        True,
        post(
            "Nuevo merch disponible: camisetas y tazas con el gato Pancho 🐈 envíos a toda España",
            external="https://pancho.tienda",
        ),
    ),
    (
        "w17",
        True,
        post(
            "Endlich! Mein Podcast ist gestartet. Erste Folge jetzt überall, wo es Podcasts gibt",
            external="https://open.spotify.com/show/de",
        ),
    ),
    (
        "w18",
        True,
        post(
            "Ma boutique est à nouveau ouverte après les vacances ! Nouveautés en ligne 🌿",
            external="https://maboutique.fr",
        ),
    ),
    (
        "w19",
        True,
        post(
            "Lançamento! Meu novo curso de crochê para iniciantes já está no ar 🧶",
            external="https://hotmart.com/pt-br/x",
        ),
    ),
    (
        "w20",
        True,
        post(
            "新グッズの受注販売を開始しました！締切は12/10まで",
            external="https://booth.pm/ja/items/3",
        ),
    ),
    ("x1", False, post("I'm selling my soul to get Taylor Swift tickets, anyone know a guy")),
    (
        "x2",
        False,
        post("The new episode of Taskmaster is out and I haven't laughed that hard in years"),
    ),
    (
        "x3",
        False,
        post("Our little bakery on the corner closed today after 40 years. End of an era"),
    ),
    (
        "x4",
        False,
        post(
            "My shop's fridge broke and I spent the day moving 300 yoghurts. Glamorous life of retail"
        ),
    ),
    ("x5", False, post("Free guide to surviving winter: blankets, soup, and not reading the news")),
    ("x6", False, post("Pre-ordered the new Switch and now I have to pretend to be patient")),
    ("x7", False, post("Kickstarter campaigns that deliver on time are a myth, change my mind")),
    (
        "x8",
        False,
        post(
            "I made a little website for my wedding with our photos, so nervous to share it with family"
        ),
    ),
    ("x9", False, post("Episode 4 of The Bear made me cry in public")),
    (
        "x10",
        False,
        post("Get well soon cards for my mum are everywhere in the kitchen and it's lovely"),
    ),
    (
        "y1",
        True,
        post(
            "New in the shop: risograph postcards of British seaside towns 🌊 set of 6 for £12",
            external="https://seasideriso.co.uk/shop",
        ),
    ),
    (
        "y2",
        True,
        post(
            "We're 2 weeks out from launch and the waitlist is at 3,000! Join before it closes for founding member pricing",
            external="https://getnestly.app",
        ),
    ),
    (
        "y3",
        True,
        post(
            "The audiobook of my memoir is out today, read by me (sorry in advance) 🎧",
            external="https://www.audible.co.uk/pd/x",
        ),
    ),
    (
        "y4",
        True,
        post("ok I finally made stickers of the angry goose. $4 each, link in my profile 🪿"),
    ),
    (
        "y5",
        True,
        post(
            "Guest spot in Berlin 14-16 May! Booking now, send me your ideas 🖤 #tattoo",
            tags=("tattoo",),
        ),
    ),
    (
        "y6",
        True,
        post(
            "Spring zine swap is full, but I've got 20 extra copies of my new zine up on Ko-fi",
            external="https://ko-fi.com/s/abc",
        ),
    ),
    (
        "y7",
        True,
        post(
            "Huge discounts across our entire range this week only. Don't miss out!",
            external="https://gardenbarn.com",
        ),
    ),
    (
        "y8",
        True,
        post(
            "I'm hosting a free webinar on pricing your freelance work next Tuesday, sign up via the link",
            external="https://lu.ma/pricing",
        ),
    ),
    ("y9", True, post("2 for 1 on all candles until Sunday 🕯️ shop link in bio")),
    (
        "y10",
        True,
        post(
            "Monthly subscription boxes are open for April! Each box has 3 surprise books and tea 📚",
            external="https://bookboxclub.com/subscribe",
        ),
    ),
    (
        "y11",
        True,
        post(
            "¡Mi primer libro ilustrado ya está en preventa! Envíos a partir de junio 📖",
            external="https://editorialluz.com/preventa",
        ),
    ),
    (
        "y12",
        True,
        post(
            "Neue Kollektion online! Handgenähte Taschen aus recyceltem Segeltuch ⛵",
            external="https://segeltaschen.de",
        ),
    ),
    (
        "y13",
        True,
        post(
            "Soldes d'hiver sur tout le site : jusqu'à -40 % !",
            external="https://lapetitemaille.fr",
        ),
    ),
    (
        "y14",
        True,
        post(
            "Estou com vagas para ilustrações personalizadas em abril! Manda mensagem ✏️",
            images=True,
        ),
    ),
    (
        "y15",
        True,
        post(
            "新曲「夜明け」配信スタート！各種サブスクで聴けます🎧", external="https://linkco.re/x"
        ),
    ),
    (
        "z1",
        False,
        post("New in the shop window across the road: a cat who sits there all day judging people"),
    ),
    ("z2", False, post("the waitlist for the GP is 3 weeks, what is going on")),
    (
        "z3",
        False,
        post("Listening to the audiobook of Project Hail Mary on my commute and crying on the bus"),
    ),
    ("z4", False, post("I made stickers with my niece today, she mostly ate the glitter")),
    (
        "z5",
        False,
        post("Booking a holiday cottage for the whole family is harder than planning a wedding"),
    ),
    (
        "z6",
        False,
        post(
            "Huge thanks to the stranger who paid for my coffee today, restored my faith in humanity"
        ),
    ),
    ("z7", False, post("Signed up for my first 10k, please remind me why I did this")),
    ("z8", False, post("Anyone tried those monthly book subscription boxes? Are they worth it?")),
    ("z9", False, post("Mi primer día en el trabajo nuevo, qué nervios")),
    (
        "z10",
        False,
        post("新曲めっちゃいい、何回も聴いてる", external="https://open.spotify.com/track/j"),
    ),
    (
        "a1",
        True,
        post(
            "the Etsy shop is finally back from holiday mode!! everything ships this week 📦",
            external="https://www.etsy.com/shop/pinkmoth",
        ),
    ),
    (
        "a2",
        True,
        post(
            "Help me hit 1,000 subscribers before the new year? 🙏 Every sub helps the channel grow",
            external="https://www.youtube.com/@carlamakes",
        ),
    ),
    (
        "a3",
        True,
        post(
            "My debut novel WILD SALT is out in paperback today! 🌊 Find it at your local bookshop or online"
        ),
    ),
    (
        "a4",
        True,
        post(
            "Holiday gift guide is live! 20 handmade gifts under $30, all from our studio",
            external="https://mossandmaple.com/gift-guide",
        ),
    ),
    (
        "a5",
        True,
        post(
            "I'm offering 1:1 career coaching sessions for designers. First session free, book a call:",
            external="https://calendly.com/jane/intro",
        ),
    ),
    (
        "a6",
        True,
        post(
            "our game is 40% off in the steam autumn sale 🍂 perfect time to pick it up!",
            external="https://store.steampowered.com/app/5/y",
        ),
    ),
    (
        "a7",
        True,
        post(
            "new chapter of my fic is up on AO3! 12k words of pure angst",
            external="https://archiveofourown.org/works/1/chapters/2",
        ),
    ),
    (
        "a8",
        True,
        post(
            "📣 Last call for Christmas orders! Order by Dec 15 for UK delivery",
            external="https://woolandwax.co.uk",
        ),
    ),
    (
        "a9",
        True,
        post(
            "Thrilled to share my new print series 'Harbour Lights', available in A4 and A3 now ⚓",
            external="https://harbourlights.bigcartel.com/products/set",
        ),
    ),
    (
        "a10",
        True,
        post(
            "We've just opened bookings for our summer camps! Early bird prices until the end of March",
            external="https://forestkids.org.uk/camps",
        ),
    ),
    (
        "a11",
        True,
        post(
            "Nueva tanda de pendientes en la web ✨ piezas únicas, hechas a mano en Granada",
            external="https://lunaplata.es/pendientes",
        ),
    ),
    (
        "a12",
        True,
        post(
            "Unsere Weihnachtsmärkte-Termine stehen! Besucht uns am Stand mit neuen Keramiken 🎄",
            images=True,
        ),
    ),
    (
        "a13",
        True,
        post(
            "Le nouvel album est disponible partout ! Merci de l'écouter et de le partager 🎶",
            external="https://lnk.to/nouvelalbum",
        ),
    ),
    (
        "a14",
        True,
        post(
            "Meu livro infantil ganhou uma nova edição! Já dá pra comprar no site da editora 📚",
            external="https://editoraflor.com.br/livro",
        ),
    ),
    (
        "a15",
        True,
        post(
            "本日より新作キーホルダーの受注を開始しました！よろしくお願いします",
            external="https://me.booth.pm/items/5",
        ),
    ),
    (
        "a16",
        True,
        post(
            "Tonight at 8pm: live painting stream + Q&A! Come say hi 🎨",
            external="https://www.twitch.tv/ellapaints",
        ),
    ),
    (
        "a17",
        True,
        post(
            "The ebook is free on Kindle this weekend only! Grab it before Monday",
            external="https://www.amazon.com/dp/B0FREE",
        ),
    ),
    (
        "a18",
        True,
        post(
            "My 2026 wall planner is now available to order — A3, recycled paper, ships in January",
            external="https://paperfoxstudio.com/planner",
        ),
    ),
    (
        "a19",
        True,
        post(
            "We're giving 5 free tickets to our comedy night on Friday! Just reply with your worst joke to enter 🎤"
        ),
    ),
    (
        "a20",
        True,
        post(
            "Special offer for Bluesky folks: 25% off annual plans with BSKY25 until Sunday",
            external="https://tidynotes.app/pricing",
        ),
    ),
    (
        "b1",
        False,
        post(
            "the Etsy app keeps recommending me frog stuff and honestly it knows me better than I know myself"
        ),
    ),
    ("b2", False, post("Help me decide: should I paint the hallway green or blue? 🎨")),
    (
        "b3",
        False,
        post(
            "Just finished a debut novel that blew me away: The Salt Roads by A. Writer. Highly recommend",
            external="https://bookshop.org/p/books/x/2",
        ),
    ),
    (
        "b4",
        False,
        post("My mum's holiday gift guide is just a list of things she wants from me lol"),
    ),
    (
        "b5",
        False,
        post("Booked a career coaching session and it honestly changed how I think about my job"),
    ),
    (
        "b6",
        False,
        post(
            "Steam autumn sale haul: 3 cozy games and a horror game I'll never have the courage to play"
        ),
    ),
    ("b7", False, post("Reading fic on AO3 at 3am instead of sleeping, as one does")),
    ("b8", False, post("Last call before I leave the office: does anyone want the leftover cake?")),
    (
        "b9",
        False,
        post(
            "Bought a print from @harbourlights.bsky.social at the market and it's perfect in our hallway",
            images=True,
        ),
    ),
    (
        "b10",
        False,
        post("Did anyone get tickets for the comedy night on Friday? Looking for a spare"),
    ),
    (
        "b11",
        False,
        post("Me encantan los pendientes que me regaló mi hermana, hechos a mano en Granada"),
    ),
    ("b12", False, post("Heute auf dem Weihnachtsmarkt gewesen, zu viel Glühwein getrunken 🎄")),
    ("b13", False, post("Le nouvel album de Christine and the Queens tourne en boucle chez moi")),
    ("b14", False, post("Comprei o livro infantil novo pra minha sobrinha e ela amou")),
    ("b15", False, post("新作のキーホルダー買えた！かわいい")),
    (
        "c1",
        True,
        post(
            "It's launch day!!! 🎉 After two years of work, Driftwood is finally available on iOS",
            external="https://apps.apple.com/app/driftwood/id9",
        ),
    ),
    (
        "c2",
        True,
        post(
            "new vid is up! I tried every instant noodle in the Asian supermarket so you don't have to 🍜",
            external="https://youtu.be/noodle",
        ),
    ),
    ("c3", True, post("all links in bio 💕 new reel + shop update tonight")),
    (
        "c4",
        True,
        post(
            "Use discount code HELLO15 for 15% off your first order 🌸",
            external="https://bloomtea.co",
        ),
    ),
    (
        "c5",
        True,
        post(
            "Pre-orders for the enamel pin set close Sunday! Don't miss out 📌",
            external="https://pinparade.bigcartel.com",
        ),
    ),
    (
        "c6",
        True,
        post(
            "hey! commissions are open again 🖌️ 5 slots, sketch $25 / colour $60, DM or email me",
            images=True,
        ),
    ),
    (
        "c7",
        True,
        post(
            "RESTOCK 🔥 the lavender candles are back in store. Limited batch!",
            external="https://candlecraft.shop/products/lavender",
        ),
    ),
    (
        "c8",
        True,
        post("✨GIVEAWAY✨ follow me + repost this post to win a custom portrait! Ends in 3 days"),
    ),
    (
        "c9",
        True,
        post(
            "The only air fryer I'll ever recommend: amzn.to/3Kf8Pq (affiliate)",
            links=("https://amzn.to/3Kf8Pq",),
        ),
    ),
    (
        "c10",
        True,
        post("Read my full review here 👉 bit.ly/3Xp0q", links=("https://bit.ly/3Xp0q",)),
    ),
    (
        "c11",
        True,
        post(
            "Issue #48 of The Weekly Tinker is out: homemade soldering fumes extractor + 3 reader projects",
            external="https://weeklytinker.substack.com/p/48",
        ),
    ),
    (
        "c12",
        True,
        post(
            "$SPARK just listed on Raydium 🚀 early gem, 1000x potential, don't sleep on this",
            external="https://dexscreener.com/solana/x",
        ),
    ),
    (
        "c13",
        True,
        post(
            "Nuevo vídeo en mi canal: cómo hacer pan de masa madre en casa 🍞",
            external="https://www.youtube.com/watch?v=pan",
        ),
    ),
    ("c14", True, post("Rebajas en la tienda: 20% en todo con el código ENERO20 hasta el domingo")),
    (
        "c15",
        True,
        post(
            "Jetzt neu im Shop: handgemachte Seifen mit Lavendel 💜",
            external="https://seifenliebe.de/shop",
        ),
    ),
    (
        "c16",
        True,
        post("Gewinnspiel! Folgt uns und teilt diesen Beitrag, um ein Buchpaket zu gewinnen 📚"),
    ),
    ("c17", True, post("Les commissions sont ouvertes ! 3 places pour janvier, infos en DM 🎨")),
    (
        "c18",
        True,
        post(
            "Nouvelle vidéo sur ma chaîne : je visite le plus petit musée de France 🏛️",
            external="https://www.youtube.com/watch?v=musee",
        ),
    ),
    ("c19", True, post("Cupom de 10% na minha loja: VOLTA10. Válido até sexta! 🛍️")),
    (
        "c20",
        True,
        post(
            "Episódio novo do podcast no ar! Falamos sobre burnout e trabalho remoto 🎙️",
            external="https://open.spotify.com/episode/pt2",
        ),
    ),
    (
        "c21",
        True,
        post(
            "ファンボックスに今月の新作イラストをアップしました！支援よろしくお願いします",
            external="https://me.fanbox.cc/posts/1",
        ),
    ),
    (
        "c22",
        True,
        post("【告知】冬コミ新刊の通販予約が始まりました！", external="https://www.toranoana.jp/x"),
    ),
    ("d1", False, post("I got engaged last night!!! Still shaking 💍")),
    ("d2", False, post("What's a good beginner camera? I want to take better photos of my dog")),
    (
        "d3",
        False,
        post(
            "Why did the scarecrow win an award? Because he was outstanding in his field. I'll see myself out"
        ),
    ),
    (
        "d4",
        False,
        post("honestly yes, that's exactly how I felt after the last season", reply=True),
    ),
    ("d5", False, post("Can anyone help me move a sofa on Saturday? Will pay in pizza")),
    (
        "d6",
        False,
        post("Bought the new Kobo and I love it, the warm light is so nice for night reading"),
    ),
    (
        "d7",
        False,
        post(
            "This paper on coral bleaching by @marinelab.bsky.social is important, please read",
            external="https://www.nature.com/articles/x",
        ),
    ),
    (
        "d8",
        False,
        post(
            "My friend Ana just released her first EP and it's gorgeous, go listen!",
            external="https://open.spotify.com/album/ana",
        ),
    ),
    ("d9", False, post("Giveaway season on this site is wild, I've entered 6 and won nothing")),
    (
        "d10",
        False,
        post("Who else is watching the new season tonight? #TheTraitors", tags=("TheTraitors",)),
    ),
    ("d11", False, post("Mi hijo ha empezado a hablar y lo primero que dice es 'no' 😂")),
    (
        "d12",
        False,
        post(
            "Habe gestern ein Video über Tiefseefische gesehen und bin jetzt Experte",
            external="https://www.youtube.com/watch?v=fish",
        ),
    ),
    ("d13", False, post("Quelqu'un peut m'aider à choisir un ordinateur portable pour la fac ?")),
    ("d14", False, post("Ganhei uma caneca linda de presente da minha amiga, amei ☕")),
    ("d15", False, post("この前買った本が面白すぎて一気に読んだ")),
    (
        "e1",
        True,
        post(
            "¡Por fin! Mi tienda online ya está abierta 🎉 Cerámica hecha a mano desde Valencia",
            external="https://barroazul.es",
        ),
    ),
    (
        "e2",
        True,
        post(
            "Quedan 3 días para el fin de la preventa de la agenda 2026. ¡No te quedes sin la tuya!",
            external="https://papeleriaola.com/agenda",
        ),
    ),
    (
        "e3",
        True,
        post(
            "Nuevo episodio: hablamos con una bombera forestal sobre los incendios de este verano 🔥🎧",
            external="https://www.ivoox.com/episodio-x",
        ),
    ),
    (
        "e4",
        True,
        post(
            "Sorteo de una lámina firmada: sígueme y comparte este post. ¡Suerte! 🍀", images=True
        ),
    ),
    ("e5", False, post("He visto el nuevo episodio de la serie y no puedo más, qué final")),
    (
        "e6",
        False,
        post("Mi tienda favorita de cómics cierra y estoy triste, 20 años comprando allí"),
    ),
    (
        "f1",
        True,
        post(
            "Ab sofort könnt ihr meine Illustrationen auch als Postkarten kaufen! 💌",
            external="https://kartenkunst.de/shop",
        ),
    ),
    (
        "f2",
        True,
        post(
            "Neue Folge! Wir sprechen mit einer Hebamme über die ersten Wochen mit Baby 👶🎧",
            external="https://open.spotify.com/episode/de2",
        ),
    ),
    (
        "f3",
        True,
        post(
            "Mein Buch ist ab heute überall erhältlich, wo es Bücher gibt 📚 Danke für eure Unterstützung!"
        ),
    ),
    ("f4", False, post("Heute mein neues Fahrrad abgeholt, endlich wieder mobil 🚲")),
    ("f5", False, post("Kennt jemand einen guten Shop für Ersatzteile von alten Nähmaschinen?")),
    (
        "g1",
        True,
        post(
            "Nouveau : nos tote bags sont enfin disponibles sur la boutique en ligne 👜",
            external="https://atelierlune.fr/boutique/tote",
        ),
    ),
    (
        "g2",
        True,
        post(
            "Je lance ma newsletter ! Chaque mois, mes coups de cœur lecture et un extrait inédit ✉️",
            external="https://lettresdeclara.substack.com",
        ),
    ),
    (
        "g3",
        True,
        post("Plus que 48h pour profiter de -25 % sur tout le site avec le code NOEL25 🎄"),
    ),
    (
        "g4",
        False,
        post("J'ai enfin trouvé le livre que je cherchais depuis des mois chez un bouquiniste !"),
    ),
    ("g5", False, post("Nouvelle coupe de cheveux, je ne me reconnais plus 😅")),
    ("i1", True, post("Lancei meu e-book de receitas de Natal! Link na bio 🎄")),
    (
        "i2",
        True,
        post(
            "Reposição feita! As canecas de gatinho voltaram para a loja 🐱☕",
            external="https://canecadegato.com.br/loja",
        ),
    ),
    (
        "i3",
        True,
        post(
            "Última semana da pré-venda do meu quadrinho! Quem comprar agora leva um pôster",
            external="https://catarse.me/quadrinho",
        ),
    ),
    ("i4", False, post("Comprei na pré-venda e finalmente chegou! O quadrinho é lindo demais")),
    ("i5", False, post("Alguém sabe onde consertar celular barato em BH?")),
    (
        "j1",
        True,
        post(
            "新作アクリルキーホルダーの予約販売を開始しました！締切は今月末です",
            external="https://shop.example.jp/items/2",
        ),
    ),
    (
        "j2",
        True,
        post(
            "YouTubeに新しい動画をアップしました！今回はキャンプ飯を作ってみた🏕️",
            external="https://youtu.be/camp",
        ),
    ),
    (
        "j3",
        True,
        post("個展のお知らせ🎨 12月5日〜10日、渋谷のギャラリーで開催します。作品の販売もあります"),
    ),
    ("j4", False, post("新しい動画見た？めっちゃ笑った")),
    ("j5", False, post("今日は友達とカフェでのんびりした☕")),
    (
        "k1",
        True,
        post(
            "Prints from my Iceland trip are up on my site, limited to 25 each 📷",
            external="https://jonasphoto.com/prints",
        ),
    ),
    (
        "k2",
        True,
        post(
            "We play the Brudenell on March 3rd! Tickets going fast 🎸",
            external="https://www.seetickets.com/event/x",
        ),
    ),
    (
        "k3",
        True,
        post(
            "v1.4 of Quillpad is out: sync across devices, dark mode, and a 7-day free trial of Pro",
            external="https://quillpad.app",
        ),
    ),
    (
        "k4",
        True,
        post(
            "my short story collection is 99p on kindle today only, if you've been meaning to read it",
            external="https://www.amazon.co.uk/dp/B0STORY",
        ),
    ),
    (
        "k5",
        True,
        post(
            "I'll be signing books at Waterstones Piccadilly on Saturday 2pm, come say hi and grab a signed copy!"
        ),
    ),
    (
        "k6",
        True,
        post(
            "Small business Saturday! Everything handmade by me in my tiny kitchen studio 💛 #smallbusiness",
            tags=("smallbusiness",),
            external="https://tinykitchenstudio.co.uk",
        ),
    ),
    (
        "k7",
        True,
        post(
            "If you like cozy mysteries, book 3 in my series just came out 🕯️🔍",
            external="https://books2read.com/u/x",
        ),
    ),
    (
        "k8",
        True,
        post(
            "Only 2 spots left in my January mentorship cohort. Apply by Friday",
            external="https://mentorwithmaya.com/apply",
        ),
    ),
    (
        "k9",
        True,
        post(
            "Doing a flash sale on originals tonight, DM me if something catches your eye 🖼️",
            images=True,
        ),
    ),
    (
        "k10",
        True,
        post(
            "new mix just went up on soundcloud, 2 hours of deep house for your sunday 🌅",
            external="https://soundcloud.com/djnova/sunday",
        ),
    ),
    (
        "k11",
        True,
        post(
            "The Little Free Press is now taking submissions for issue 4 AND we've opened subscriptions for 2026 📰",
            external="https://littlefreepress.org/subscribe",
        ),
    ),
    (
        "k12",
        True,
        post(
            "stickers, zines and prints at table B12 at Thought Bubble this weekend! card accepted 💳"
        ),
    ),
    (
        "m1",
        False,
        post("Prints of my holiday photos just arrived from the lab and they look amazing"),
    ),
    (
        "m2",
        False,
        post("We got tickets to see them at the Brudenell!! March can't come soon enough"),
    ),
    ("m3", False, post("the new iOS update broke my alarm and I was late for work. thanks Apple")),
    ("m4", False, post("Reading the third book in the Thursday Murder Club series and loving it")),
    (
        "m5",
        False,
        post("Went to a book signing today and the author remembered my name from Twitter 🥹"),
    ),
    (
        "m6",
        False,
        post(
            "Small business Saturday reminder to myself: buy the birthday present from the local shop, not Amazon"
        ),
    ),
    ("m7", False, post("Applied for 12 jobs this week. Only 2 spots left in my brain for hope")),
    ("m8", False, post("Listening to an old soundcloud mix from 2014 and feeling very old")),
    ("m9", False, post("stickers all over my laptop and my manager has opinions")),
    ("m10", False, post("Anyone selling a second-hand bike in Leeds? Budget around £150")),
    (
        "n13a",
        True,
        post(
            "thanks!! if you want one they're in my shop 😊",
            reply=True,
            external="https://www.etsy.com/listing/77/frog-mug",
        ),
    ),
    (
        "n13b",
        True,
        post(
            "#art #illustration #fantasyart #commissionsopen #dnd",
            tags=("art", "illustration", "fantasyart", "commissionsopen", "dnd"),
            images=True,
        ),
    ),
    (
        "n13c",
        True,
        post(
            "Bought $WOOF at 0.0001, now at 0.004. Still early. Not financial advice but you'd be crazy not to 🐶🚀"
        ),
    ),
    (
        "n13d",
        True,
        post(
            "My top 5 kitchen gadgets for 2026 (commissions earned) 👇",
            external="https://www.amazon.com/shop/chefjo",
        ),
    ),
    (
        "n13e",
        True,
        post(
            "This week in the newsletter: why I stopped using to-do lists. Free to subscribe!",
            external="https://focusletter.com/p/todo",
        ),
    ),
    (
        "n13f",
        True,
        post(
            "Our Black Friday deals are live! Up to 50% off everything 🖤",
            external="https://luxebeads.com",
        ),
    ),
    (
        "n13g",
        True,
        post(
            "Pre-save our new single now! Out everywhere Friday 🎶",
            external="https://distrokid.com/hyperfollow/band/x",
        ),
    ),
    (
        "n13h",
        True,
        post(
            "Day 1 of the sale: all paperbacks £5, ebooks £1. Spread the word!",
            external="https://indiepressuk.com/sale",
        ),
    ),
    (
        "n13i",
        True,
        post(
            "just added some new brushes to my gumroad, pay what you want 🖌️",
            external="https://gumroad.com/l/brushes2",
        ),
    ),
    (
        "n13j",
        True,
        post(
            "Opening my books for February! 3 tattoo slots left, flash or custom, DM me ✨",
            images=True,
        ),
    ),
    (
        "n13k",
        True,
        post(
            "Join my Discord for early access to new chapters and exclusive art!",
            external="https://discord.gg/abc",
        ),
    ),
    (
        "n13l",
        True,
        post(
            "Spotify Wrapped says you've all streamed 'Glass Harbor' 40,000 times?? 🥹 if you haven't yet, it's here:",
            external="https://open.spotify.com/track/glass",
        ),
    ),
    (
        "o13a",
        False,
        post(
            "thanks! I got it from a shop in Bath years ago, no idea if they still sell them",
            reply=True,
        ),
    ),
    (
        "o13b",
        False,
        post(
            "#caturday #cats #catsofbluesky #sleepy #fluffy",
            tags=("caturday", "cats", "catsofbluesky", "sleepy", "fluffy"),
            images=True,
        ),
    ),
    (
        "o13c",
        False,
        post(
            "Bitcoin is down 20% this week and my crypto-bro cousin has gone very quiet at family dinners"
        ),
    ),
    (
        "o13d",
        False,
        post("Affiliate links everywhere on recipe blogs now, I just want the recipe 😩"),
    ),
    ("o13e", False, post("Subscribed to too many newsletters again, my inbox is a disaster")),
    (
        "o13f",
        False,
        post("Black Friday is a scam, prices go up in October so the discount looks bigger"),
    ),
    (
        "o13g",
        False,
        post(
            "Spotify Wrapped says I listened to the same song 900 times. No comment",
            external="https://open.spotify.com/track/x",
        ),
    ),
    (
        "o13h",
        False,
        post("Opened my first bank account for my daughter today, she's very proud of her card"),
    ),
    ("o13i", False, post("Does anyone know a tattoo artist in Glasgow who does fine line work?")),
    ("o13j", False, post("Joined a Discord server for my favourite game and it's chaos in there")),
    (
        "p14a",
        True,
        post(
            "New autumn menu starts tomorrow! Pumpkin soup, apple crumble and our famous chai 🍂 Open 8-4 every day"
        ),
    ),
    (
        "p14b",
        True,
        post(
            "Freelance update: I have availability for 2 new web projects in February. Portfolio 👉",
            external="https://samdesigns.dev",
        ),
    ),
    (
        "p14c",
        True,
        post(
            "Online yoga classes every Tuesday at 7pm, first class free! Sign up below 🧘",
            external="https://flowwithfi.com/classes",
        ),
    ),
    (
        "p14d",
        True,
        post(
            "We're hiring? No — we're opening! Our second location opens on Main St this Saturday, free cookies for the first 50 customers 🍪"
        ),
    ),
    (
        "p14e",
        True,
        post(
            "Fresh batch of sourdough loaves this Saturday, pre-order by Thursday via the form",
            external="https://forms.gle/x",
        ),
    ),
    (
        "p14f",
        True,
        post(
            "My plant care ebook is finally finished! 60 pages of tips, only $9",
            external="https://leafylaura.gumroad.com/l/ebook",
        ),
    ),
    (
        "p14g",
        True,
        post(
            "Voice lessons now available online. Beginners welcome, book a trial lesson 🎤",
            external="https://singwithsol.com",
        ),
    ),
    ("p14h", True, post("Hoy abrimos la terraza 🌞 ¡Os esperamos con vermut y tapas!")),
    (
        "p14i",
        True,
        post(
            "Wir haben noch Termine im Dezember frei! Jetzt buchen für Weihnachtsfotos 📸",
            external="https://fotostudio-lena.de/buchen",
        ),
    ),
    (
        "p14j",
        True,
        post(
            "Nouveaux cours de poterie le samedi matin, il reste des places ! Réservation en message 🏺"
        ),
    ),
    (
        "p14k",
        True,
        post("Aulas de violão online com 20% de desconto no primeiro mês! Chama no direct 🎸"),
    ),
    (
        "p14l",
        True,
        post("年末年始の営業日のお知らせです。12/30まで営業、ご予約お待ちしております！"),
    ),
    (
        "q14a",
        False,
        post("The café downstairs has a new autumn menu and I've already tried everything on it"),
    ),
    (
        "q14b",
        False,
        post("Freelance life update: I have no idea what I'm doing but the invoices got paid"),
    ),
    ("q14c", False, post("Went to my first yoga class and I could not touch my toes. Humbling")),
    (
        "q14d",
        False,
        post("A new bakery opened on our street and the whole neighbourhood is there at 8am"),
    ),
    (
        "q14e",
        False,
        post("Made my first sourdough loaf after 3 weeks of feeding the starter!! 🍞", images=True),
    ),
    (
        "q14f",
        False,
        post("Anyone have a good plant care book recommendation? Killing everything I touch"),
    ),
    ("q14g", False, post("Mi vecino ha abierto una terraza nueva y ya somos clientes fijos")),
    ("q14h", False, post("Habe endlich einen Termin beim Zahnarzt bekommen, im Februar...")),
    ("q14i", False, post("Les cours de poterie du samedi sont mon moment préféré de la semaine")),
    ("q14j", False, post("Comecei aulas de violão e meus dedos estão destruídos")),
    (
        "r15a",
        True,
        post(
            "新しいLINEスタンプができました！使ってもらえたら嬉しいです🐻",
            external="https://store.line.me/stickershop/product/2",
        ),
    ),
    (
        "r15b",
        True,
        post("明日のデザフェスに出展します！ブースはA-123です。新作ポストカードもあります"),
    ),
    (
        "r15c",
        True,
        post(
            "ポッドキャスト第15回を配信しました！今回のゲストは…",
            external="https://open.spotify.com/episode/ja2",
        ),
    ),
    (
        "r15d",
        True,
        post(
            "ネットショップにて冬の福袋を販売中です🎁 数量限定なのでお早めに！",
            external="https://zakkaya.base.shop",
        ),
    ),
    ("r15e", False, post("デザフェス楽しかった！戦利品いっぱい")),
    (
        "r15f",
        False,
        post(
            "このポッドキャスト面白いからみんな聴いてほしい",
            external="https://open.spotify.com/show/x",
        ),
    ),
    (
        "r15g",
        True,
        post(
            "Tô vendendo meus desenhos originais! Manda DM pra ver os disponíveis 🎨", images=True
        ),
    ),
    (
        "r15h",
        True,
        post(
            "Saiu o episódio 30! Conversamos com uma astrônoma sobre buracos negros 🌌",
            external="https://open.spotify.com/episode/pt3",
        ),
    ),
    (
        "r15i",
        True,
        post(
            "Nossa loja agora entrega em todo o Brasil! 🇧🇷 Frete grátis acima de R$ 200",
            external="https://lojaverde.com.br",
        ),
    ),
    ("r15j", False, post("Tô vendendo meu sofá porque vou me mudar, alguém de SP quer?")),
    ("r15k", False, post("Ouvi o episódio novo do Mamilos e fiquei pensando nisso o dia todo")),
    (
        "r15l",
        True,
        post(
            "¡Vuelven los talleres de encuadernación! Nuevas fechas en enero, plazas muy limitadas",
            external="https://papelypluma.es/talleres",
        ),
    ),
    (
        "r15m",
        True,
        post(
            "Mi libro de poemas ya está en librerías 📖 Si lo leéis, contadme qué os parece",
            external="https://www.casadellibro.com/libro-poemas/2",
        ),
    ),
    (
        "r15n",
        True,
        post(
            "Nueva colección de pendientes inspirada en el mar 🌊 ya en la tienda online",
            external="https://marinabisuteria.es",
        ),
    ),
    ("r15o", False, post("He ido a un taller de encuadernación y ahora quiero encuadernar todo")),
    ("r15p", False, post("Me he comprado unos pendientes preciosos en el mercadillo 🌊")),
    (
        "s16a",
        True,
        post(
            "ep 34 out now!! we rank every Pixar movie and get into at least 3 arguments 🎬",
            external="https://pod.link/999",
        ),
    ),
    ("s16b", True, post("hiii new art prints just landed in the store 🌷 link in my pinned")),
    (
        "s16c",
        True,
        post("Commission slots for March: 2/4 filled! Still taking icons and ref sheets 💜"),
    ),
    (
        "s16d",
        True,
        post("FLASH GIVEAWAY 🎉 like + repost + follow, winner drawn in 24h. good luck!!"),
    ),
    (
        "s16e",
        True,
        post(
            "I wrote a guide to budgeting on a freelance income and it's free this week",
            external="https://payhip.com/b/guide",
        ),
    ),
    (
        "s16f",
        True,
        post(
            "Tomorrow only: buy 2 get 1 free on all zines 📚✨",
            external="https://zinequeen.bigcartel.com",
        ),
    ),
    (
        "s16g",
        True,
        post(
            "The Kickstarter for our tarot deck goes live Monday at 5pm GMT, hit follow on the page so you get notified!",
            external="https://www.kickstarter.com/projects/x/tarot",
        ),
    ),
    (
        "s16h",
        True,
        post(
            "We just crossed 10k downloads of the app 🥳 if you haven't tried it yet, it's free!",
            external="https://play.google.com/store/apps/details?id=x",
        ),
    ),
    (
        "s16i",
        True,
        post(
            "latest blog post: 12 things I learned running a pottery business for a year",
            external="https://muddyhands.co/blog/12-things",
        ),
    ),
    (
        "s16j",
        True,
        post(
            "Restocked: tiny clay mushrooms 🍄 once they're gone they're gone",
            external="https://shroomshop.etsy.com",
        ),
    ),
    (
        "t16a",
        False,
        post("ep 34 of that podcast everyone's talking about is actually really good, no notes"),
    ),
    (
        "t16b",
        False,
        post(
            "finally hung the art prints I bought in Lisbon, the flat feels like home now",
            images=True,
        ),
    ),
    (
        "t16c",
        False,
        post("Just commissioned my first ever ref sheet for my OC from @lunadraws.bsky.social 💜"),
    ),
    ("t16d", False, post("I never win giveaways but I keep entering them like a lottery")),
    (
        "t16e",
        False,
        post("Budgeting on a freelance income is hard, any tips from people who do it?"),
    ),
    (
        "t16f",
        False,
        post("Buy 2 get 1 free on biscuits at the supermarket and I have no self control"),
    ),
    (
        "t16g",
        False,
        post(
            "Backed a tarot deck Kickstarter and the art is stunning, can't wait for it to arrive"
        ),
    ),
    (
        "t16h",
        False,
        post(
            "This app crossed 10k downloads and the dev is a 16 year old, amazing",
            external="https://play.google.com/store/apps/details?id=y",
        ),
    ),
    (
        "t16i",
        False,
        post(
            "Read a great blog post about running a pottery business, made me want to quit my job",
            external="https://muddyhands.co/blog/12-things",
        ),
    ),
    ("t16j", False, post("The mushrooms in the woods are out in force today 🍄", images=True)),
    (
        "u17a",
        True,
        post(
            "Neuer Blogartikel: 10 Tipps für den Balkongarten im Winter ❄️🌱",
            external="https://balkonliebe.de/blog/winter",
        ),
    ),
    (
        "u17b",
        True,
        post("Unsere Kerzen gibt es jetzt auch im Laden am Marktplatz! Kommt gern vorbei 🕯️"),
    ),
    ("u17c", True, post("Letzte Plätze für den Aquarellkurs am Samstag! Anmeldung per Mail 🎨")),
    (
        "u17d",
        True,
        post(
            "Mein neues Hörbuch ist da! 🎧 Überall, wo es Hörbücher gibt",
            external="https://www.audible.de/pd/x",
        ),
    ),
    (
        "u17e",
        True,
        post(
            "20 % auf alle Adventskalender bis Sonntag – nur online 🎄",
            external="https://kalenderwerk.de",
        ),
    ),
    (
        "u17f",
        False,
        post("Hab mir einen Adventskalender gegönnt und schon am 1. Dezember alles aufgegessen"),
    ),
    (
        "u17g",
        False,
        post("Der Aquarellkurs an der Volkshochschule war super, ich male jetzt jeden Abend"),
    ),
    (
        "u17h",
        False,
        post("Höre gerade ein tolles Hörbuch über die Geschichte Roms, sehr empfehlenswert"),
    ),
    (
        "v17a",
        True,
        post(
            "Nouvel article sur le blog : comment j'ai rénové ma cuisine pour moins de 2000 € 🔨",
            external="https://maisonbricole.fr/cuisine",
        ),
    ),
    (
        "v17b",
        True,
        post(
            "Mes calendriers 2026 sont arrivés ! Ils sont dispo sur ma boutique Etsy 🌙",
            external="https://www.etsy.com/fr/shop/lune",
        ),
    ),
    (
        "v17c",
        True,
        post(
            "Dernier jour pour profiter de la livraison gratuite sur tout le site ! 📦",
            external="https://creationsmarie.fr",
        ),
    ),
    (
        "v17d",
        True,
        post("Je serai en dédicace samedi à la librairie Mollat de 14h à 17h, venez nombreux ! ✍️"),
    ),
    (
        "v17e",
        False,
        post("J'ai eu une dédicace de mon autrice préférée samedi, je suis sur un nuage ✍️"),
    ),
    ("v17f", False, post("La livraison de mon colis a encore été reportée, ça fait trois fois")),
    (
        "v17g",
        False,
        post("Mon calendrier de l'Avent est déjà vide le 3 décembre, aucune discipline"),
    ),
    (
        "w18a",
        True,
        post(
            "my newsletter this month: what I read, what I cooked, and one very bad pun. subscribe if that sounds like your thing",
            external="https://buttondown.com/ellie",
        ),
    ),
    (
        "w18b",
        True,
        post(
            "the 'new video' post you've all been waiting for: I finally tested the viral cloud bread 🍞☁️",
            external="https://youtu.be/cloud",
        ),
    ),
    (
        "w18c",
        True,
        post(
            "LINK IN BIO for the full tutorial 🧶 #crochet #crochetpattern",
            tags=("crochet", "crochetpattern"),
        ),
    ),
    (
        "w18d",
        True,
        post("Valid through Monday: code THANKS20 takes 20% off everything in the shop 🦃"),
    ),
    (
        "w18e",
        True,
        post(
            "Second print run is available for preorder! First run sold out in 2 days 😳",
            external="https://artbookco.com/products/vol1",
        ),
    ),
    (
        "w18f",
        True,
        post(
            "Taking 3 more emote commissions before the holidays! Prices in the image ✨",
            images=True,
        ),
    ),
    (
        "w18g",
        True,
        post(
            "the frog plushies are BACK 🐸 restocked with 200 more",
            external="https://plushpond.com/products/frog",
        ),
    ),
    (
        "w18h",
        True,
        post("RT + follow for a chance to win our full sticker collection! 3 winners 🌈"),
    ),
    (
        "w18i",
        True,
        post(
            "This is the tripod I use for all my videos, it's on sale right now (affiliate link)",
            external="https://amzn.to/tripod",
        ),
    ),
    (
        "w18j",
        True,
        post("Get 3 months free with my link: bit.ly/audioX3", links=("https://bit.ly/audioX3",)),
    ),
    (
        "w18k",
        True,
        post(
            "Our token $BLOOM is now live on Uniswap! Liquidity locked, contract renounced. LFG 🌸🚀"
        ),
    ),
    (
        "w18l",
        True,
        post(
            "Nuevo vídeo subido: ¡os enseño mi estudio de cerámica! 🏺",
            external="https://youtu.be/estudio",
        ),
    ),
    (
        "w18m",
        True,
        post(
            "Neue Folge online: Wir sprechen über Burnout im Journalismus 🎙️",
            external="https://open.spotify.com/episode/de3",
        ),
    ),
    (
        "w18n",
        True,
        post(
            "Les précommandes de la BD sont ouvertes jusqu'au 30 novembre ! 📚",
            external="https://editionsbulle.fr/bd",
        ),
    ),
    (
        "w18o",
        True,
        post("Cupom PRIMEIRACOMPRA dá 15% de desconto na sua primeira compra na loja 💚"),
    ),
    (
        "w18p",
        True,
        post(
            "新作の予約受付中です！1月中旬発送予定です🐰", external="https://usagi.booth.pm/items/7"
        ),
    ),
    (
        "x18a",
        False,
        post("my newsletter inbox this month is 90% things I don't remember subscribing to"),
    ),
    (
        "x18b",
        False,
        post(
            "That viral cloud bread video lied to me. It's just sad egg foam",
            external="https://youtu.be/cloud2",
        ),
    ),
    (
        "x18c",
        False,
        post("Is there a good crochet pattern for a beginner scarf? #crochet", tags=("crochet",)),
    ),
    ("x18d", False, post("The frogs are back in my garden pond and they're very loud about it 🐸")),
    (
        "x18e",
        False,
        post("Won a sticker collection in a giveaway last week and I'm putting them on everything"),
    ),
    ("x18f", False, post("Tripods are so expensive, how is a bit of metal £80")),
    (
        "x18g",
        False,
        post("Crypto twitter has moved here and I'm not ready for the word 'LFG' everywhere"),
    ),
    (
        "x18h",
        False,
        post(
            "El nuevo vídeo de mi youtuber favorito me ha alegrado el día",
            external="https://youtu.be/fav",
        ),
    ),
    ("x18i", False, post("Je viens de précommander la BD et j'ai hâte de la lire 📚")),
    ("x18j", False, post("予約してたぬいぐるみがやっと届いた！かわいすぎる🐰")),
    (
        "z19a",
        True,
        post(
            "Need a last-minute gift? 👀 Our gift cards are delivered instantly by email!",
            external="https://bakedbymia.co.uk/giftcards",
        ),
    ),
    (
        "z19b",
        True,
        post(
            "Ever wondered how to keep basil alive? New video out now 🌿",
            external="https://youtu.be/basil",
        ),
    ),
    (
        "z19c",
        True,
        post(
            "who wants a tiny ceramic ghost for halloween?? 👻 they go live in the shop friday 6pm"
        ),
    ),
    (
        "z19d",
        True,
        post(
            "🎄🎁 advent calendar sale 🎁🎄 all calendars half price, today only",
            external="https://stickerbarn.com",
        ),
    ),
    (
        "z19e",
        True,
        post(
            "new zine!!! 24 pages of bad birds. $6. ships worldwide",
            external="https://badbirds.bigcartel.com",
        ),
    ),
    (
        "z19f",
        True,
        post(
            "Want to learn to knit socks? My beginner course opens for enrolment next week!",
            external="https://knitwithkate.com/socks",
        ),
    ),
    (
        "z19g",
        True,
        post(
            "ICYMI the podcast is back for season 3 ✨ first episode is up now",
            external="https://podcasts.apple.com/podcast/x",
        ),
    ),
    (
        "z19h",
        True,
        post("psst. the secret menu item is back this week only. you know what to do 🍩"),
    ),
    (
        "z19i",
        True,
        post(
            "now booking weddings for 2027 💍 enquire via the link",
            external="https://lilyrosephotography.com/contact",
        ),
    ),
    (
        "z19j",
        True,
        post(
            "Do you love cozy fantasy? My debut is only $0.99 this week!",
            external="https://www.amazon.com/dp/B0COZY",
        ),
    ),
    ("zz19a", False, post("Need a last-minute gift idea for my dad, he has everything. Help?")),
    (
        "zz19b",
        False,
        post("Ever wondered why cats knock things off tables? Me neither, I just accept it"),
    ),
    ("zz19c", False, post("who wants to come to the halloween party at mine on friday?? 👻")),
    (
        "zz19d",
        False,
        post(
            "new zine from the library's teen group and it's brilliant, they did it all themselves",
            images=True,
        ),
    ),
    (
        "zz19e",
        False,
        post("Want to learn to knit socks but every tutorial assumes I have four hands"),
    ),
    (
        "zz19f",
        False,
        post("the podcast I love is back for season 3 and I'm listening to it on repeat"),
    ),
    (
        "zz19g",
        False,
        post(
            "Our photographer sent the wedding photos today and I've cried three times 💍",
            images=True,
        ),
    ),
    (
        "zz19h",
        False,
        post("Do you love cozy fantasy? Give me your best recommendations, I've read everything"),
    ),
    (
        "a20a",
        True,
        post(
            "Big news: my first cookbook is available for pre-order! 🍋",
            external="https://bookshop.org/p/books/lemon/3",
        ),
    ),
    (
        "a20b",
        True,
        post(
            "Stream starts in 30 min! Cozy farming games and chill vibes",
            external="https://www.twitch.tv/farmgal",
        ),
    ),
    (
        "a20c",
        True,
        post(
            "Enamel pin restock is live + 2 brand new designs! 📌", external="https://pinpals.shop"
        ),
    ),
    (
        "a20d",
        False,
        post(
            "My first attempt at a lemon cake, it sank in the middle but tastes great 🍋",
            images=True,
        ),
    ),
    ("a20e", False, post("Does anyone know when the new farming game comes out?")),
    (
        "b20a",
        True,
        post(
            "¡Ya está aquí el nuevo episodio! Hablamos de salud mental en el trabajo 🎙️",
            external="https://open.spotify.com/episode/es9",
        ),
    ),
    (
        "b20b",
        True,
        post(
            "Reabrimos la tienda online con nuevos diseños. ¡Envío gratis este fin de semana!",
            external="https://papelesdeana.com",
        ),
    ),
    (
        "b20c",
        True,
        post("SORTEO 🎁 Regalo 2 libros firmados. Para participar: sígueme y da RT. ¡Suerte!"),
    ),
    ("b20d", False, post("Ya está aquí el invierno y yo sin abrigo 🥶")),
    ("b20e", False, post("He ganado un sorteo por primera vez en mi vida, ¡un libro firmado!")),
    (
        "c20a",
        True,
        post("Jetzt neu: Unser Kochbuch mit 80 vegetarischen Rezepten! Überall im Buchhandel 📚"),
    ),
    (
        "c20b",
        True,
        post(
            "Heute 20 Uhr live auf Twitch: Wir bauen eine Stadt in Minecraft! 🏙️",
            external="https://www.twitch.tv/baumeister",
        ),
    ),
    (
        "c20c",
        True,
        post("Meine Illustrationen gibt es jetzt als Poster im Shop! Link in der Bio 🖼️"),
    ),
    ("c20d", False, post("Heute 20 Uhr Tatort schauen mit Freunden, Tradition ist Tradition")),
    ("c20e", False, post("Habe ein tolles Poster auf dem Flohmarkt gefunden, hängt jetzt im Flur")),
    (
        "d20a",
        True,
        post("Mon nouveau roman sort le 15 mai ! Il est déjà disponible en précommande 📖"),
    ),
    (
        "d20b",
        True,
        post(
            "Nouvelle vidéo ! Je teste les astuces TikTok pour ranger sa maison 🏠",
            external="https://youtu.be/range",
        ),
    ),
    ("d20c", True, post("Code promo HIVER15 pour -15 % sur toute la boutique jusqu'à dimanche ❄️")),
    (
        "d20d",
        False,
        post("Mon nouveau vélo est arrivé, je vais enfin pouvoir aller au travail en pédalant 🚲"),
    ),
    ("d20e", False, post("Quelqu'un a un code promo pour la SNCF ? Les billets sont hors de prix")),
    (
        "e20a",
        True,
        post(
            "Saiu meu novo EP! Já está em todas as plataformas 🎶",
            external="https://open.spotify.com/album/pt9",
        ),
    ),
    ("e20b", True, post("Encomendas de Natal abertas! Faça já o seu pedido pelo direct 🎄")),
    (
        "e20c",
        True,
        post(
            "Promoção de aniversário da loja: 30% off em tudo até domingo! 🎉",
            external="https://ateliebela.com.br",
        ),
    ),
    ("e20d", False, post("Meu novo emprego começa segunda e já estou nervosa")),
    ("e20e", False, post("Fui no aniversário da minha avó e comi bolo demais 🎉")),
    (
        "f20a",
        True,
        post(
            "新作の缶バッジ、通販ページに追加しました！よろしくお願いします",
            external="https://kanbadge.booth.pm/items/4",
        ),
    ),
    (
        "f20b",
        True,
        post(
            "今夜21時から生配信します！ゲームしながら雑談🎮",
            external="https://www.youtube.com/live/ja",
        ),
    ),
    ("f20c", True, post("冬のセール開催中！全品20%オフです❄️", external="https://fuyu.stores.jp")),
    ("f20d", False, post("今夜は家で鍋パーティー！楽しみ")),
    ("f20e", False, post("缶バッジ集めるの楽しい、また買っちゃった")),
    (
        "g21a",
        True,
        post(
            "my comic anthology kickstarter ends in 48 hours and we're SO close to the next stretch goal 😭",
            external="https://www.kickstarter.com/projects/y/anthology",
        ),
    ),
    (
        "g21b",
        True,
        post(
            "Spooky season prints are 25% off till Halloween 🎃 no code needed",
            external="https://inkypumpkin.etsy.com",
        ),
    ),
    (
        "g21c",
        True,
        post(
            "Chapter 7 is live on Tapas! Thank you for reading 💙",
            external="https://tapas.io/episode/7",
        ),
    ),
    (
        "g21d",
        True,
        post(
            "This Saturday I'm doing a pop-up at Hackney Flea, come say hi & pick up some ceramics 🏺"
        ),
    ),
    (
        "g21e",
        True,
        post(
            "Psst, subscribers to my newsletter get first dibs on the new collection tomorrow",
            external="https://mollymakes.substack.com",
        ),
    ),
    (
        "g21f",
        True,
        post(
            "We're on Product Hunt today with Tallybird 2.0 🐦 an upvote would mean a lot!",
            external="https://www.producthunt.com/posts/tallybird-2",
        ),
    ),
    (
        "g21g",
        True,
        post(
            "The audiobook edition of my novel is out!! 🎧 narrated by the amazing @voiceofjo.bsky.social",
            external="https://www.audible.com/pd/novel",
        ),
    ),
    (
        "g21h",
        True,
        post(
            "trying something new: a monthly sketch club for patrons, first one this Sunday ✏️",
            external="https://www.patreon.com/sketchy",
        ),
    ),
    (
        "h21a",
        False,
        post(
            "my favourite comic anthology just hit its stretch goal and I'm so happy for the creators 😭"
        ),
    ),
    (
        "h21b",
        False,
        post("Spooky season is here and my cat is already dressed as a pumpkin 🎃", images=True),
    ),
    (
        "h21c",
        False,
        post(
            "Chapter 7 of this webtoon destroyed me, how dare they",
            external="https://www.webtoons.com/en/x/ep-7",
        ),
    ),
    ("h21d", False, post("Went to Hackney Flea on Saturday and bought way too many ceramics 🏺")),
    (
        "h21e",
        False,
        post("Subscribers of this newsletter, did you also get the weird email this morning?"),
    ),
    ("h21f", False, post("Product Hunt has become just AI wrappers all the way down")),
    ("h21g", False, post("Listening to the audiobook narrated by Jim Dale again, comfort listen")),
    ("h21h", False, post("Joined a local sketch club and it's the highlight of my week ✏️")),
    (
        "k22a",
        True,
        post(
            "New memecoin $GLORP fair launched 10 min ago, dev wallet burned, chart is vertical 📈 get in now"
        ),
    ),
    (
        "k22b",
        True,
        post(
            "Staking rewards are live! Earn 18% APY on your $NOVA tokens, link below 👇",
            external="https://novaprotocol.finance/stake",
        ),
    ),
    (
        "k22c",
        True,
        post(
            "Found the comfiest hoodie ever, grab it here (I get a small commission) 👉",
            external="https://amzn.to/hoodie",
        ),
    ),
    (
        "k22d",
        True,
        post(
            "my fave skincare bits are all in my LTK 💕",
            external="https://www.shopltk.com/explore/glowgirl",
        ),
    ),
    (
        "k22e",
        True,
        post(
            "Full breakdown of my workout plan here: tinyurl.com/fitplan24",
            links=("https://tinyurl.com/fitplan24",),
        ),
    ),
    (
        "k22f",
        True,
        post(
            "Issue 112 is out! This week: the quiet joy of public benches",
            external="https://benchletter.com/112",
        ),
    ),
    (
        "k22g",
        True,
        post(
            "La newsletter de ce dimanche est partie ! Au programme : trois livres et une recette de soupe",
            external="https://dimanche.substack.com/p/9",
        ),
    ),
    (
        "k22h",
        True,
        post(
            "Nuevo número de mi newsletter: hablamos de ciudades caminables 🚶‍♀️ ¡Suscríbete gratis!",
            external="https://ciudadesa pie.substack.com",
        ),
    ),
    (
        "k22i",
        True,
        post("Lançamento do token $CAJU amanhã às 18h! Whitelist aberta, vagas limitadas 🚀"),
    ),
    (
        "k22j",
        True,
        post(
            "Newsletter Nr. 45 ist raus: Warum Radwege Leben retten 🚲",
            external="https://radbrief.de/45",
        ),
    ),
    ("l22a", False, post("Memecoins are just lottery tickets with extra steps, change my mind")),
    (
        "l22b",
        False,
        post("Finally understood what APY means, only took me 3 years of having a savings account"),
    ),
    ("l22c", False, post("The comfiest hoodie I own was £4 from a charity shop, beat that")),
    ("l22d", False, post("Does anyone actually read all their newsletters? I have 40 unread")),
    ("l22e", False, post("Le dimanche c'est soupe et lecture, rien d'autre")),
    ("l22f", False, post("Me he suscrito a demasiadas newsletters y ya no leo ninguna")),
    (
        "l22g",
        False,
        post("Meu tio perdeu dinheiro com cripto e agora quer me ensinar sobre investimentos 🙃"),
    ),
    (
        "l22h",
        False,
        post("Radwege in meiner Stadt sind eine Katastrophe, heute fast angefahren worden"),
    ),
    (
        "n23a",
        False,
        post(
            "The new season of my favourite show is out and I'm taking Friday off to watch it all"
        ),
    ),
    (
        "n23b",
        False,
        post("Our new puppy has officially destroyed his first shoe. It was my favourite pair"),
    ),
    ("n23c", False, post("I finally launched my career change: first day as a nurse tomorrow 🩺")),
    ("n23d", False, post("Just released a sigh so big my cat left the room")),
    (
        "n23e",
        False,
        post(
            "My shop (the corner shop I work at) had a delivery of 400 cans today and I stacked every one"
        ),
    ),
    (
        "n23f",
        False,
        post("Preorder anxiety: I preordered the new phone and now I'm reading every review"),
    ),
    (
        "n23g",
        False,
        post(
            "My sister's bakery is featured in the local paper today!! So proud 🥐",
            external="https://www.manchestereveningnews.co.uk/food/bakery",
        ),
    ),
    (
        "n23h",
        False,
        post("Limited edition Oreos are back and I have no self control, bought three packs"),
    ),
    (
        "n23i",
        False,
        post("Subscribe to my feelings newsletter: today I am tired. That's the whole issue"),
    ),
    ("n23j", False, post("the link in my bio is just a picture of my dog now, as it should be")),
    ("n23k", False, post("new chapter of my life: moving to Glasgow in March 🏴󠁧󠁢󠁳󠁣󠁴󠁿")),
    (
        "n23l",
        False,
        post("Going live on the radio tomorrow to talk about the library closures, wish me luck"),
    ),
    (
        "n23m",
        False,
        post("Episode 3 of my personal saga with the landlord: he still hasn't fixed the boiler"),
    ),
    ("n23n", False, post("My book club is reading Middlemarch this month, pray for us")),
    (
        "n23o",
        False,
        post("Our garden's first tomatoes are here!! 🍅 Only 3 but they're perfect", images=True),
    ),
    (
        "n23p",
        False,
        post(
            "I made a playlist for my commute and it's 90% sea shanties",
            external="https://open.spotify.com/playlist/x",
        ),
    ),
    (
        "n23q",
        False,
        post(
            "The café near work has a 2 for 1 on pastries after 4pm and my coworkers have found out"
        ),
    ),
    (
        "n23r",
        False,
        post("Signed up for a pottery workshop next month, any tips for a total beginner?"),
    ),
    ("n23s", False, post("Nuevo récord personal en los 10k: 48 minutos 🏃‍♀️")),
    ("n23t", False, post("Unser neuer Hund ist endlich da! Er heißt Bruno 🐶", images=True)),
    ("n23u", False, post("Notre nouvelle maison est enfin à nous ! 🏡", images=True)),
    (
        "n23v",
        False,
        post("Minha nova tatuagem ficou perfeita, obrigada @tatuadora.bsky.social 🖤", images=True),
    ),
    ("n23w", False, post("新しいカメラで初めて撮った写真、けっこういい感じ📷", images=True)),
    (
        "n23x",
        False,
        post("Watching my friend's band tonight at the Windmill, so excited for them 🎸"),
    ),
    (
        "n23y",
        False,
        post("Back in stock at the supermarket: my favourite oat milk. Crisis averted"),
    ),
    (
        "n23z",
        False,
        post(
            "Lost my job today. Not sure what's next, but I'll be ok. Thanks for the kind words 💙"
        ),
    ),
    (
        "q24a",
        True,
        post(
            "Made a printable 2026 habit tracker! It's on my Etsy for $3 🗓️",
            external="https://www.etsy.com/listing/2026/tracker",
        ),
    ),
    (
        "q24b",
        True,
        post(
            "Hi new followers 👋 I'm an illustrator, I sell prints and stickers, and my commissions open every month. Shop below!",
            external="https://lunaillo.com",
        ),
    ),
    (
        "q24c",
        True,
        post(
            "🚨 Price drop 🚨 our starter kit is now $29 (was $45) while stock lasts",
            external="https://brewkit.co/starter",
        ),
    ),
    (
        "q24d",
        True,
        post(
            "This week's video: I visited every Pret in London in one day. Was it worth it? No. Watch anyway 😂",
            external="https://youtu.be/pret",
        ),
    ),
    (
        "q24e",
        True,
        post(
            "Grab my free Lightroom preset before it goes paid next week! 📸",
            external="https://presetsbyjo.com/free",
        ),
    ),
    (
        "q24f",
        True,
        post(
            "Come to our launch party on Thursday! Drinks, music and 20% off everything in store 🎉"
        ),
    ),
    (
        "q24g",
        True,
        post(
            "The hardcover special edition with sprayed edges is back in stock at all major retailers 📚"
        ),
    ),
    (
        "q24h",
        True,
        post(
            "A new Dungeons & Dragons adventure from me, 40 pages, pay what you want on itch!",
            external="https://dragonjo.itch.io/adventure",
        ),
    ),
    (
        "q24i",
        True,
        post(
            "Sessões de fotos de Natal com agenda aberta! Reserve já seu horário 📸🎄",
            external="https://fotosdamari.com.br",
        ),
    ),
    (
        "q24j",
        True,
        post(
            "Ya podéis reservar plaza para el retiro de yoga de primavera 🌸 ¡Quedan 5 plazas!",
            external="https://yogaenelbosque.es",
        ),
    ),
    ("r24a", False, post("Made a habit tracker in my notebook and already failed on day 2")),
    (
        "r24b",
        False,
        post("Hi new followers 👋 I mostly post about my cat, my garden and bad puns. Welcome!"),
    ),
    (
        "r24c",
        False,
        post("Price drop on flights to Lisbon?? Booked before I could think about it ✈️"),
    ),
    (
        "r24d",
        False,
        post(
            "This week's video from the council about bin collections is the most British thing I've ever seen",
            external="https://www.youtube.com/watch?v=bins",
        ),
    ),
    ("r24e", False, post("Free Lightroom presets never look like the examples, why is that")),
    (
        "r24f",
        False,
        post("Went to a launch party for a friend's book and ate my weight in canapés"),
    ),
    (
        "r24g",
        False,
        post(
            "Finally got the sprayed edges special edition I wanted!! It's so pretty 📚",
            images=True,
        ),
    ),
    ("r24h", False, post("Running my first D&D adventure for friends tonight, nervous DM energy")),
    (
        "s25a",
        True,
        post(
            "The new episode is up! We talk to a beekeeper about the secret life of hives 🐝",
            external="https://overcast.fm/+bees",
        ),
    ),
    ("s25b", True, post("Link in bio for 15% off my digital planners this week only ✨")),
    (
        "s25c",
        True,
        post(
            "I'm opening 4 commission slots this weekend — portraits and pets, info in the image!",
            images=True,
        ),
    ),
    (
        "s25d",
        True,
        post(
            "Restocked the bestselling tote bags + new colours in the shop now 👜",
            external="https://totallytotes.co/shop",
        ),
    ),
    (
        "s25e",
        True,
        post("Win a year of free coffee ☕ just follow us and repost this. Ends Sunday midnight!"),
    ),
    (
        "s25f",
        True,
        post(
            "Preorder the deluxe edition and get an exclusive art card 🎴",
            external="https://deckbuilders.com/deluxe",
        ),
    ),
    (
        "s25g",
        True,
        post(
            "My blender recommendation (affiliate): amzn.to/blend9",
            links=("https://amzn.to/blend9",),
        ),
    ),
    (
        "s25h",
        True,
        post(
            "The newest issue of my poetry newsletter just went out 🌙 subscribe free",
            external="https://moonpoems.substack.com/p/9",
        ),
    ),
    (
        "s25i",
        True,
        post("¡Comisiones abiertas! 3 huecos para retratos, precios en la imagen 🎨", images=True),
    ),
    (
        "s25j",
        True,
        post(
            "Neues Video ist online! Ich zeige euch meine Morgenroutine ☀️",
            external="https://youtu.be/morgen",
        ),
    ),
    (
        "s25k",
        True,
        post(
            "Réassort des mugs chats ce soir à 20h sur la boutique ! 🐱",
            external="https://mugsdechats.fr/boutique",
        ),
    ),
    (
        "s25l",
        True,
        post("SORTEIO! Siga e reposte para concorrer a um kit de chás 🍵 Resultado sexta"),
    ),
    (
        "s25m",
        True,
        post(
            "新刊の通販を開始しました！よろしくお願いします📚",
            external="https://www.melonbooks.co.jp/detail/9",
        ),
    ),
    (
        "t25a",
        False,
        post(
            "The new episode of Only Murders is up and I'm not answering messages until I've watched it"
        ),
    ),
    (
        "t25b",
        False,
        post("My neighbour asked me for the link in my bio and I don't have one. I'm 52"),
    ),
    (
        "t25c",
        False,
        post(
            "Paid for my first commission today, my dog as a Renaissance painting 🐶🖼️", images=True
        ),
    ),
    ("t25d", False, post("Tote bags are my personality now, I own 37")),
    ("t25e", False, post("Entered a giveaway for a year of free coffee, manifesting ☕")),
    ("t25f", False, post("Preordered the deluxe edition and it shipped early!! 🎴")),
    ("t25g", False, post("¿Alguien sabe si las comisiones del banco se pueden reclamar?")),
    (
        "t25h",
        False,
        post("Ich habe heute meine Morgenroutine komplett umgestellt, mal sehen wie lange"),
    ),
    ("t25i", False, post("J'ai craqué sur un mug chat au marché de Noël 🐱")),
    ("t25j", False, post("Ganhei um kit de chás de aniversário e estou apaixonada 🍵")),
    ("t25k", False, post("新刊買えた！表紙最高")),
    (
        "j26a",
        True,
        post(
            "新作のアクスタ、本日21時より販売開始します！数量限定です🙏",
            external="https://akusuta.booth.pm/items/9",
        ),
    ),
    (
        "j26b",
        True,
        post(
            "ブログを更新しました。冬のおすすめ本10選です📚",
            external="https://yomu.hatenablog.com/entry/1",
        ),
    ),
    (
        "j26c",
        True,
        post(
            "【お知らせ】新しいシングル「雪明かり」が配信開始されました！各種ストリーミングで聴けます",
            external="https://linkco.re/yuki",
        ),
    ),
    (
        "j26d",
        True,
        post("イラストのご依頼受付中です！詳しくはプロフィールのリンクから", images=True),
    ),
    ("j26e", True, post("フォロー＆リポストでクリスマスプレゼントが当たる！締切は12/20まで🎄")),
    ("j26f", False, post("ブログ始めてみようかな、何書こう")),
    ("j26g", False, post("クリスマスプレゼント何にするかまだ決まってない")),
    ("j26h", False, post("推しの新しいシングル最高すぎる、毎日聴いてる")),
    ("j26i", False, post("アクスタ届いた！飾る場所考えなきゃ")),
    (
        "p26a",
        True,
        post(
            "Chegaram os novos adesivos! Já disponíveis na loja 🌟",
            external="https://adesivosdalu.com.br/loja",
        ),
    ),
    (
        "p26b",
        True,
        post(
            "Live amanhã às 19h no YouTube! Vou responder perguntas sobre freelas 💻",
            external="https://www.youtube.com/@lu",
        ),
    ),
    (
        "p26c",
        True,
        post(
            "Minha newsletter dessa semana já está no ar: como organizar as finanças sendo autônoma",
            external="https://lufinancas.substack.com/p/x",
        ),
    ),
    ("p26d", False, post("Chegaram os novos vizinhos e já trouxeram bolo, amei")),
    ("p26e", False, post("Alguém recomenda uma newsletter boa sobre finanças?")),
    (
        "f26a",
        True,
        post(
            "Petit rappel : la boutique ferme le 20 décembre pour les fêtes, commandez avant ! 🎄",
            external="https://papeterie-lila.fr",
        ),
    ),
    (
        "f26b",
        True,
        post(
            "Mon podcast fête ses 100 épisodes ! Pour l'occasion, un épisode spécial avec vos questions 🎙️",
            external="https://podcast.ausha.co/x/100",
        ),
    ),
    ("f26c", False, post("Petit rappel à moi-même : boire de l'eau et dormir plus")),
    ("f26d", False, post("Mon podcast préféré fête ses 100 épisodes, bravo à eux !")),
]


# Floors measured once on the committed model (docs/classifier.md), a little under its figures.
PRECISION_FLOOR_CASES, RECALL_FLOOR_CASES = 0.88, 0.88
PRECISION_FLOOR_PROBES, RECALL_FLOOR_PROBES = 0.90, 0.94


def _precision_recall(cases: list[tuple[bool, dict[str, Any]]]) -> tuple[float, float]:
    called = [(want, classify(record).promo) for want, record in cases]
    tp = sum(want and got for want, got in called)
    fp = sum(got and not want for want, got in called)
    fn = sum(want and not got for want, got in called)
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def test_case_tables_as_a_whole() -> None:
    """The tables above were written for the rule-based scorer; the learned model is held to
    them as a set (a floor measured once, as a regression guard), not post by post."""
    cases = [(True, c[1]) for c in PROMO_CASES] + [(False, c[1]) for c in NOT_PROMO_CASES]
    precision, recall = _precision_recall(cases)
    assert precision >= PRECISION_FLOOR_CASES and recall >= RECALL_FLOOR_CASES


def test_probe_posts_as_a_whole() -> None:
    """The probes were written by the old rules' authors, never trained on: a second outside
    set. Floors a little under what the committed model measured (docs/classifier.md)."""
    precision, recall = _precision_recall([(p[1], p[2]) for p in PROBES])
    assert precision >= PRECISION_FLOOR_PROBES and recall >= RECALL_FLOOR_PROBES


def test_plain_post_is_not_promo() -> None:
    verdict = classify(post("just made tea"))
    assert not verdict.promo and verdict.score < 0.1


def test_reasons_name_the_evidence() -> None:
    verdict = classify(post("use code SAVE20 for 20% off, link in bio", reply=True))
    assert "discount-code" in verdict.reasons
    assert "context:reply" not in verdict.reasons[:1]


def test_buyer_voice_outweighs_a_shop_link() -> None:
    seller = classify(post("New mugs in the shop!", external="https://x.etsy.com/listing/1"))
    buyer = classify(
        post("I bought new mugs from this shop!", external="https://x.etsy.com/listing/1")
    )
    assert seller.score > buyer.score


def test_link_facet_and_embed_count_once_per_kind() -> None:
    record = post(
        "restocked!",
        links=("https://a.etsy.com/1", "https://b.etsy.com/2"),
        external="https://c.etsy.com",
    )
    reasons = classify(record).reasons
    assert len(reasons) == len(set(reasons))


def test_record_with_media_embed_reads_the_media() -> None:
    record = post("new prints in the shop, link in bio")
    record["embed"] = {
        "$type": "app.bsky.embed.recordWithMedia",
        "record": {"record": {"uri": "at://x", "cid": "y"}},
        "media": {"$type": "app.bsky.embed.external", "external": {"uri": "https://x.etsy.com"}},
    }
    plain = post("new prints in the shop, link in bio")
    assert classify(record).score > classify(plain).score


def test_is_pure() -> None:
    record = post("Use code SAVE20 for 20% off", external="https://x.etsy.com", reply=True)
    snapshot = copy.deepcopy(record)
    first = classify(record)
    assert classify(record) == first
    assert record == snapshot


MALFORMED: list[Any] = [
    None,
    42,
    "text",
    [],
    {},
    {"text": None},
    {"text": 5},
    {"text": ["a"]},
    {"text": "hi", "facets": "nope"},
    {"text": "hi", "facets": [None, 1, "x", {"features": None}, {"features": [None, 3]}]},
    {"text": "hi", "facets": [{"features": [{"$type": "app.bsky.richtext.facet#link", "uri": 5}]}]},
    {
        "text": "hi",
        "facets": [{"features": [{"$type": "app.bsky.richtext.facet#tag", "tag": None}]}],
    },
    {"text": "hi", "embed": "x"},
    {"text": "hi", "embed": {"$type": "app.bsky.embed.external", "external": "x"}},
    {"text": "hi", "embed": {"$type": "app.bsky.embed.external", "external": {"uri": None}}},
    {"text": "hi", "embed": {"$type": "app.bsky.embed.recordWithMedia", "media": 3}},
    {"text": "hi", "embed": {"$type": 7}},
    {"text": "hi", "reply": "yes"},
    {"text": "hi", "langs": "en"},
    {"text": "hi", "langs": [None, 3]},
    {"text": "code" * 5000 + " SAVE20 " + "x" * 100_000},
    {"text": "\x00\ud800 broken surrogate 🌸 #", "facets": [{"features": [{"uri": "\x00"}]}]},
    {
        "text": "link",
        "facets": [{"features": [{"$type": "app.bsky.richtext.facet#link", "uri": "::::"}]}],
    },
    {
        "text": "x",
        "facets": [{"features": [{"$type": "app.bsky.richtext.facet#link", "uri": "h" * 10_000}]}],
    },
]


def test_deeply_nested_embed_does_not_recurse() -> None:
    embed: dict[str, Any] = {"$type": "app.bsky.embed.external", "external": {"uri": "x"}}
    for _ in range(5000):
        embed = {"$type": "app.bsky.embed.recordWithMedia", "media": embed}
    assert classify({"text": "hi", "embed": embed}).promo is False


@pytest.mark.parametrize("record", MALFORMED, ids=[f"malformed-{i}" for i in range(len(MALFORMED))])
def test_malformed_records_never_raise(record: Any) -> None:
    verdict = classify(record)
    assert isinstance(verdict, PromoVerdict)
    assert 0.0 <= verdict.score <= 1.0
    assert isinstance(verdict.reasons, tuple)
    assert all(isinstance(r, str) for r in verdict.reasons)
    assert verdict.promo == (verdict.score >= 0.5)
