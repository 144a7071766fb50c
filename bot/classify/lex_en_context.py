"""English context phrases (buyer, fan, family, question...) and promo vocabulary, "|" separated."""

from __future__ import annotations

PHRASES: dict[str, str] = {
    "context:buyer": (
        "i bought | just bought | bought this | bought the | bought a | i ordered | just "
        "ordered | got my order | just got my | my order from | i got my | arrived today | "
        "finally arrived | it arrived | came in the mail | preordered | pre-ordered | i "
        "preordered | backed this | i backed | i won | i commissioned | commissioned | picked "
        "up | just picked up | got me | my partner got me | treated myself | i paid | what "
        "are you all buying | are you buying | still no package | my package | never arrived "
        "| customer service | support keeps | i got tickets | wearing my new | bought from | "
        "got these | got this | got mine | just received | finally got | i received | my new "
        "one arrived | splurged on | i caved and bought | haul | unboxing my | i purchased | "
        "was gifted | got it on sale | got them on sale | impulse buy | impulse bought | got "
        "<n>% off | got <n> off | got it for | got them for | got one for | scored | snagged "
        "| bagged | in the sale | on sale for | was on sale | unsubscribing | unsubscribed | "
        "my subscriptions | cancelled my | canceled my | found a | i found | thrifted | "
        "charity shop | thrift store | thrift shop | second-hand | secondhand | op shop"
    ),
    "context:third-party": (
        "my friend | my friend's | my friends | friend of mine | my sister's | my brother's | "
        "my partner's | my mum's | my mom's | my dad's | my neighbour's | my neighbor's | "
        "their shop | her shop | his shop | their new | her new | his new | go follow | "
        "excellent post by | great post by | sharing because | from my favorite | from my "
        "favourite | by my favorite | by my favourite | their work | their art | their book | "
        "their prints | their store | their etsy | their stuff | her work | his work | her "
        "art | his art | her book | his book | this artist | these artists | this creator | "
        "this author | this small business | go support | please support them | support them "
        "| video from | video by | episode from | album from | single from | book from | new "
        "one from | videos from"
    ),
    "context:question": (
        "anyone know | does anyone | can someone | can anyone | has anyone | any recs | any "
        "recommendations | recommend a | where did you get | what are you | should i | is it "
        "just me | asking for | looking for"
    ),
    "context:warning": (
        "scam | scams | psa | don't click | dont click | phishing | fake | too good to be "
        "true | beware | boycott"
    ),
    "context:fan": (
        "my new favorite | my new favourite | on repeat | obsessed with | can't stop "
        "listening | highly recommend | so good | love this | i love this | recommend it | "
        "worth the wait | go read | must read | must-read | everyone should | watched the | i "
        "watched | just watched | watching the | we watched"
    ),
    "context:family": (
        "my sister | my brother | my mum | my mom | my dad | my partner | my wife | my "
        "husband | my son | my daughter | my kid | my kids | my niece | my nephew | my "
        "grandma | my cousin"
    ),
    "promo-vocabulary": (
        "sale | discount | discounts | deal | deals | offer | offers | promo | coupon | shop "
        "| store | storefront | preorder | pre-order | restock | restocked | in stock | "
        "launch | launching | launched | release | released | available | limited | exclusive "
        "| edition | collection | merch | stickers | prints | pins | commission | commissions "
        "| slots | booking | bookings | tickets | giveaway | subscribe | subscribers | "
        "subscription | newsletter | waitlist | pricing | prices | shipping | ships | "
        "delivery | checkout | episode | podcast | channel | livestream | trailer | album | "
        "single | vinyl | audiobook | paperback | hardback | signed | bundle | course | "
        "workshop | webinar | enroll | register | patreon | ko-fi | etsy | kickstarter | "
        "backers | funded | orders | order"
    ),
    "context:employee": (
        "i work at | where i work | my shift | my boss | my manager | my coworkers | my "
        "co-workers | my colleagues | at work today | shop i work at | i work in"
    ),
}
