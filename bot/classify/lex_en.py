"""English trigger phrases by feature: lowercase, separated by "|"; `<n>` is a number."""

from __future__ import annotations

PHRASES: dict[str, str] = {
    "call-to-action:preorder": (
        "preorder now | pre-order now | preorders are open | pre-orders are open | preorders "
        "open | pre-orders open | preorders for | pre-orders for | preorder is open | "
        "pre-order is open | now on preorder | on preorder | on pre-order | up for preorder | "
        "up for pre-order | available for preorder | available for pre-order | preorders "
        "close | pre-orders close | preorder link | pre-order link | preorder here | "
        "pre-order here | preorder yours | pre-order yours | preorder your copy | pre-order "
        "your copy | preorders end | pre-orders end | open for preorder | preorder | "
        "pre-order | preorders | pre-orders | pre order | preorder the | pre-order the | "
        "available to preorder | preorder bonus | pre-order bonus | reserve your copy | "
        "reserve a copy"
    ),
    "call-to-action:buy": (
        "buy now | order now | shop now | get yours | grab yours | grab one | grab your copy "
        "| get your copy | grab a copy | buy it here | buy here | order here | available now "
        "| now available | on sale now | in the shop now | in my shop now | up in the shop | "
        "available in my shop | available in the shop | ships worldwide | shipping worldwide "
        "| get it here | available everywhere | add to cart | available everywhere books are "
        "sold | where books are sold | limited edition | first come first served | first "
        "come, first served | grab the bundle | get the bundle | price goes up | launch price "
        "| early bird | early-bird | at checkout | everything in the shop | everything in my "
        "shop | sign up here | pay what you want | dm to order | dm me to order | few left | "
        "a few left | is available | finally available | is now available | available to "
        "order | shipping starts | now booking | booking now | taking bookings | dates left | "
        "dates available | to reserve | message me to | dm me to | dm for | dm to book | get "
        "a copy | get one | book via | book via the link | book here | book through | reserve "
        "via | reserve here | reservations open | are on sale | tickets are on sale | get it "
        "as a print | available as a print | as a print | prints available | you can get it | "
        "you can get one | you can buy | you can order | my books are open | for a quote | "
        "quote via dm | dm for a quote | dm for quotes | for sale | are for sale | up for "
        "sale | come to our | come find us | find us at | visit our booth | at our stall | "
        "order yours | reserve yours | treat yourself | stock up | free shipping on | bundle "
        "deal | the bundle | bundle | for the price of | christmas orders | holiday orders | "
        "orders for christmas | custom portrait | custom portraits | custom pet portrait | "
        "custom pet portraits | i'm selling | selling my | dm if interested | prices in alt | "
        "prices in the alt | prices in | ships in | shipping in | ships on | anyone who "
        "orders | who orders | if you order | when you order | orders placed | order by | we "
        "deliver | nationwide delivery | delivery available | grab my | send me your ideas | "
        "send me your idea | entire range | our entire range | sitewide | site-wide | "
        "everything in store | subscription box | subscription boxes | boxes are open | box "
        "is open | i'm offering | we're offering | book a call | book a session | book a free "
        "| first session free | free consultation | free on kindle | grab it | grab it before "
        "| get it free | download it free | visit us at | come find us at | up on my site | "
        "on my site | on my website | free trial | <n>-day free trial | signed copy | grab a "
        "signed copy | signing books | i'll be signing | book signing at | come say hi and | "
        "small business saturday | shop small | dm me if | catches your eye | card accepted | "
        "cash and card | card payments | at table | find me at | my table | our table | "
        "artist alley | come find me | open every day | opening hours | open daily | first "
        "<n> customers | free cookies for | i have availability | have availability | "
        "availability for | taking on new clients | new clients | available for hire | open "
        "for work | for hire | hire me | first class free | first lesson free | trial lesson "
        "| book a trial | trial class | beginners welcome | book your | book now | book a "
        "table | open <n>-<n> | open <n>am | open from <n>"
    ),
    "call-to-action:link-in-bio": (
        "link in bio | link in my bio | links in bio | links in my bio | link is in my bio | "
        "link's in my bio | link in profile | link in my profile | link's in my profile | "
        "links in my profile | link on my profile | in the pinned post | link in pinned | "
        "link's in the pinned post | links in pinned | form in the pinned post | in my pinned "
        "post | link below | link in the replies | link in replies | link in comments | shop "
        "link below | links below | in bio | linked in bio | link on my page | via my profile "
        "| see bio | check my bio | bio link | link in my pinned"
    ),
    "call-to-action:subscribe": (
        "subscribe | subscribe now | subscribe here | sign up | signup | sign-up | subscribe "
        "so you | hit subscribe | like and subscribe | enrollment | enrolment | enroll now | "
        "register now | book now | book your spot | save your spot | paid subscribers | "
        "become a member | join the waitlist | join the mailing list | notify me | set your "
        "alarms | set a reminder | pre-save | presave | follow for more | join us | join me | "
        "rsvp | pop your email | your email | enter your email | join my list | join the list "
        "| sign up below | free guide | waitlist | join before | founding member | founding "
        "members | founding member pricing | apply now | applications open | applications are "
        "open | opened subscriptions | subscriptions are open | subscriptions open | join my "
        "discord | join our discord | my discord | our discord | join my patreon"
    ),
    "call-to-action:support": (
        "support me | supporting me | consider supporting | support the channel | support my "
        "work | support the project | wishlist | wishlist our | wishlist my | buy me a coffee "
        "| tip jar | upvote | helps small creators | helps small businesses | would mean the "
        "world if you | share to support | boost this | signal boost | reposts appreciated | "
        "rts appreciated | early access | for patrons | patrons get | members get | "
        "supporters get | public release | patron-only | members-only | help me hit | help me "
        "reach | help me get to | every sub helps | every subscriber helps | helps the "
        "channel | help the channel | grow the channel | helps me keep | spread the word | "
        "please share | share with"
    ),
    "call-to-action:watch": (
        "go watch | go watch it | watch it here | watch here | watch now | listen now | "
        "listen here | give it a listen | listen wherever | wherever you get your podcasts | "
        "check it out | check them out | tune in | streaming now on | on all platforms | on "
        "all streaming platforms | it's on my channel | on my channel now | on the channel | "
        "come hang out | come say hi | read it here | read more here | try it out | come see "
        "us | come visit us | visit us | stop by | drop by | all podcast apps | podcast apps "
        "| wherever you listen | wherever you get podcasts | full review here | review here | "
        "more here | details here | if you haven't yet | if you haven't listened | if you "
        "haven't watched | if you haven't read"
    ),
    "call-to-action:live": (
        "going live | live now | i'm live | we're live | live in <n> minutes | live in <n> "
        "min | stream starts | streaming now | on stream | stream tonight | my stream | on "
        "stream tomorrow | stream tomorrow | q&a on my stream | streaming tonight | streaming "
        "tomorrow | live tomorrow | live tonight | live at | live painting | live drawing | "
        "live coding | tonight at <n>pm | tonight at <n>"
    ),
    "commissions-open": (
        "commissions open | commissions are open | commissions now open | open for "
        "commissions | commission slots | commission sheet | taking commissions | taking on "
        "<n> new | taking new clients | accepting commissions | ych | booking appointments | "
        "booking tattoo appointments | books are open | books open | #commissionsopen | "
        "#commissions | taking orders | custom orders open | orders are open | orders open | "
        "taking custom orders | open for orders | accepting orders | comms open | comms are "
        "open | commission info | commission prices | price sheet | dm for commissions | pfp "
        "commissions | emote commissions | emoji commissions"
    ),
    "open-slots": (
        "slots open | slots available | slots left | spots left | spots available | <n> slots "
        "| opening <n> slots | <n> spots | seats left | places left | a few spots | few spots "
        "left | a few spots left | last few spots | last spots | dates left | dates available "
        "| a few dates left | openings left | tables left | a few tables | seats remaining | "
        "now taking | guest spot | guest spots | opened bookings | bookings are open | "
        "bookings open | booking is open | bookings now open | freelance update | new "
        "projects | web projects | new commissions | new clients this"
    ),
    "offer:course": (
        "workshop | course | masterclass | class | classes | webinar | bootcamp | enrollment "
        "closes | enrolment closes | lifetime access | doors close | enrollment is open | "
        "registration is open | tickets | early bird tickets | cohort | mentorship | "
        "mentoring | coaching | lessons | yoga classes | classes every | lessons online | "
        "online classes"
    ),
    "restock": (
        "restock | restocked | restocking | back in stock | restock alert | back in the shop "
        "| in stock again | new stock | just listed | newly listed | new listings | back on "
        "the shop | re-stocked | restock day | stock is back"
    ),
    "comeback": (
        "are back | is back | are finally back | back again | in the store | in the shop | up "
        "now | by popular demand | you asked for it | everyone kept asking | you've been "
        "asking | you all asked | as requested"
    ),
    "giveaway": (
        "giveaway | giving away | give away | win a | to win | enter to win | raffle | "
        "#giveaway | sweepstakes | one lucky | win one | winner will be | winners will be | "
        "chosen at random | randomly selected | how to enter | enter by | giving <n> free | "
        "we're giving away | free tickets | i'm giving away | giving away <n>"
    ),
    "giveaway-entry": (
        "to enter | follow me and repost | follow + repost | follow and repost | follow + rt "
        "| follow and rt | like & repost | like and repost | like, repost | rt and follow | "
        "repost and follow | tag a friend | tag <n> friends | winner picked | winner "
        "announced | rules: follow | must be following | repost to win | rt to win | retweet "
        "to win | reply to win | and repost | follow and | winner tomorrow | winners drawn | "
        "to be entered | chance to win | for a chance | follow me | repost this | repost this "
        "post | + repost | and repost this | follow us | like and follow | share this post"
    ),
    "launch": (
        "we're launching | we are launching | i'm launching | launching on | launching today "
        "| launches today | launches on | launch day | just launched | officially open | "
        "officially launched | now live | is live | is now live | are live | shop is open | "
        "store is open | just shipped | we just shipped | just dropped | new merch | merch "
        "drop | print drop | new release | new collection | collection is live | is here | "
        "are here | grand opening | launches | launching | shop update | be in the shop | "
        "will be in the shop | they'll be in the shop | going in the shop | hitting the shop "
        "| goes live | going live in the shop | going up tonight | goes up tonight | goes up "
        "at | going up at | update tonight | shop update tonight | new colourways | new "
        "colorways | new colours | new colors | new designs | new design | just released | "
        "released my | now released | is released | premieres | premiere | world premiere | "
        "season <n> | new season | drops friday | drops tomorrow | drops tonight | dropping "
        "friday | dropping tomorrow | dropping tonight | open studio | doors open | pop-up | "
        "popup shop | available today | available from today | now streaming | it's here | "
        "it's live | it's out | is finally here | now open | doors are open | soft launch | "
        "beta is open | open beta | free demo | try the demo | demo is out | demo is live | "
        "update is live | download now | free download | now on kindle | kindle unlimited | "
        "out on | we play | we're playing | i'm playing | playing live | just came out | came "
        "out today | just went up | went up on | is up on | v<n>.<n> | version <n> | new menu "
        "| menu starts | we're opening | we are opening | opens on | opening on | we're open "
        "| second location | new location | grand reopening | reopening"
    ),
    "release": (
        "out now | is out | is out now | out today | is out today | out in | comes out | "
        "coming out | finally out | it's finally out | release day | releases today | new "
        "single | new ep | new album | new book | debut novel | my new book | the paperback | "
        "the hardcover | in stores | hits shelves | trailer below | trailer | pre-save | "
        "presave | out everywhere | out friday | out tomorrow | special edition | signed "
        "copies | signed edition | hardback | paperback | audiobook"
    ),
    "new-content": (
        "new video | new video is up | new episode | episode <n> | ep <n> | ep. <n> | new "
        "post | new blog post | new chapter | page <n> is up | is up | new comic | new issue "
        "| issue <n> | issue #<n> | new vlog | new stream | new podcast | latest video | "
        "latest episode | today's video | this week's video | new upload | just uploaded | "
        "latest upload | new vid | full video | full episode | watch the full | my latest "
        "video | my latest episode | today's episode | this week's episode | on the pod | on "
        "the podcast | this week on | we talked to | we chat with | we chatted with | "
        "interview with | new mix | new set | new demo"
    ),
    "newsletter": (
        "newsletter | this week's newsletter | today's newsletter | today's letter | in "
        "today's letter | went out this morning | my substack | mailing list | in your inbox "
        "| hit your inbox | in your inboxes | landed in your inbox | weekly tips | weekly "
        "letter | free to subscribe | it's free to subscribe | my letter | new edition | this "
        "week's edition | in this issue | read the full issue | read the full post | free "
        "subscribers | upgrade to paid | become a paid subscriber"
    ),
    "discount": (
        "sale | flash sale | spring sale | summer sale | holiday sale | black friday | cyber "
        "monday | discount | % off | off everything | off all | everything $<n> | no code "
        "needed | free shipping | bogo | deal | deals | coupon | promo code | use code | with "
        "code | code: | discounts | huge discounts | 2 for 1 | two for one | buy one get one "
        "| buy one, get one | half price | half-price | off your first order | first order | "
        "use promo | save <n>% | save up to | up to <n>% off | clearance | final sale | "
        "winter sale | cyber week | prime day | deal of the day | price drop | exclusive "
        "discount | special offer | special price | introductory price | intro price | launch "
        "discount | of the sale | the sale is on | sale is live | sale starts | sale ends"
    ),
    "limited-offer": (
        "limited spots | limited time | only <n> left | only <n> of them | last chance | last "
        "day | ends tonight | ends sunday | ends monday | ends friday | ends soon | closes "
        "friday | close in <n> hours | in <n> hours | gone for good | while supplies last | "
        "don't miss | dont miss | limited run | this weekend only | everything in the shop | "
        "everything in my shop | only this weekend | selling fast | filling up fast | almost "
        "sold out | of these left | left in stock | <n> left | <n> remaining | only <n> "
        "remaining | copies left | <n> copies left | only <n> copies | spots left | ends "
        "tomorrow | ends at midnight | until midnight | ends today | today only | <n> hours "
        "only | last call | almost gone | nearly sold out | low stock | selling out | sold "
        "out last time | to celebrate | off this week | off this weekend | this week only | "
        "all week | by friday | by sunday | by monday | by midnight | order by | don't miss "
        "out | dont miss out | until sunday | until friday | until monday | until saturday | "
        "early bird | early bird prices | early bird pricing | limited to <n> | going fast | "
        "tickets going fast | nearly gone | apply by"
    ),
    "ad-disclosure": (
        "#ad | #sponsored | #advert | #affiliate | #partner | sponsored by | paid partnership "
        "| (affiliate) | some are affiliate | this post is sponsored | in partnership with | "
        "#gifted | pr sample | #collab | as an amazon associate | i earn from qualifying "
        "purchases | links may be affiliate | paid link | sponsored post | #sponsoredpost | "
        "paid promotion | (affiliate link) | (affiliate links) | affiliate link below | "
        "affiliate links below | contains affiliate links | these are affiliate links | this "
        "is an affiliate link | commissions earned | commission earned | i may earn a "
        "commission | i earn a commission | earn a small commission | i earn a small "
        "commission"
    ),
    "crypto-shill": (
        "presale | pre-sale | airdrop | airdrop is live | to the moon | 100x | 1000x | x100 | "
        "20x | 10x | ca: | contract address | connect your wallet | claim your tokens | "
        "liquidity locked | devs doxxed | nfa | not financial advice | gem | moonshot | "
        "stealth launch | fair launch | memecoin | meme coin | token launch | mint is live | "
        "whitelist | wen moon | holders | cex listing | get in before | ape in | aping | lfg "
        "| wagmi | send it | about to send | chart looks | buy the dip | don't fade | next "
        "100x | gem alert | low cap | lowcap | market cap | mcap | dyor | stealth | pumping | "
        "early holders | bonding curve | free mint | mint opens | mint now | minting now | "
        "whitelist spots | wl spots | nft drop | mint price | floor price | staking | apy | "
        "defi | on solana | buy before | moon soon | pump it | still early | it's early | "
        "we're early | crazy not to | still time to get in"
    ),
    "ownership": (
        "my shop | my store | my etsy | my etsy shop | my book | my new | our new | our shop "
        "| our store | our little shop | our game | our app | my debut | my course | my "
        "patreon | my ko-fi | my newsletter | my channel | my podcast | our podcast | my art "
        "| my prints | my comic | my comics | our band | my band | my game | my novel | my "
        "first book | my zine | in the shop | my merch | our merch | my work | my free | our "
        "website | on the website | the website | our team | my rates | my portfolio | all my "
        "links | all my stuff | all my things | my links | my setup | we're giving | my "
        "linktree | my socials | my kofi | my carrd | my substack | my blog | my website | my "
        "site | my letter | my weekly letter | my stream | my first | our first | my latest | "
        "our latest | my newest | our newest | my fic | my fanfic | chapter of my | my fic is "
        "| read my | my review | my full review | my latest review | my series | our series | "
        "our famous | our signature | our homemade | our house"
    ),
    "self-made": (
        "i made | i've made | we made | made a | i drew | i built | i wrote | in the making | "
        "years of | months of work | i tried | i tested | we talk | we got | our little | "
        "been working on | i've been working on | finally finished | i recorded | wrote about "
        "| i wrote about | we talk about | we talked about | handmade | hand made | made by "
        "me | made to order | i show you | i'll show you | i explain | we tried | we tested | "
        "making these | made these | made this | i painted | i sewed | i knitted | i printed "
        "| thank you for your patience | thanks for your patience | thanks for waiting | "
        "thank you for waiting | tysm for waiting | thank you for all the support | thanks "
        "for all the support | thank you for <n> years | listener mailbag | our listeners | "
        "my subscribers | my readers | my patrons | we celebrate | read by me | narrated by "
        "me | written by me | illustrated by me | you've all | you all streamed | thank you "
        "all | thanks everyone for"
    ),
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
    "affiliate-mention": (
        "referral link | referral code | my referral | use my link | use my code | my code | "
        "affiliate code | my discount code | through my link | via my link | affiliate link | "
        "affiliate links"
    ),
    "self-announcement": (
        "new video is up | new video up | video is up | the video is up | episode is up | new "
        "episode is up | episode is out | new episode is out | new episode out now | new post "
        "is up | is up on my channel | is live on my channel | is up on the channel | up on "
        "my channel | now on my channel | out now on my channel | link to watch | part <n> is "
        "live | part <n> is up | part <n> is out | part <n> out now | chapter <n> is up | "
        "chapter <n> is live"
    ),
    "context:family": (
        "my sister | my brother | my mum | my mom | my dad | my partner | my wife | my "
        "husband | my son | my daughter | my kid | my kids | my niece | my nephew | my "
        "grandma | my cousin"
    ),
    "crowdfunding": (
        "is on kickstarter | on kickstarter | funded | % funded | days to go | stretch goal | "
        "stretch goals | backers | late pledge | late pledges | pledge manager | crowdfunding "
        "| campaign is live"
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
}
