"""Japanese trigger phrases by feature: lowercase, separated by "|"; `<n>` is a number."""

from __future__ import annotations

PHRASES: dict[str, str] = {
    "call-to-action:preorder": (
        "予約受付 | 予約開始 | 予約受付中 | 予約販売 | ご予約 | 予約はこちら"
    ),
    "call-to-action:buy": (
        "通販はこちら | お買い求め | 販売中 | 発売中 | 購入はこちら | "
        "ご購入 | お求め | 通販開始 | 頒布はじめました | 頒布開始 | 頒布中 "
        "| 通販ページ | 送料無料"
    ),
    "call-to-action:link-in-bio": (
        "プロフのリンク | プロフィールのリンク | 詳細はプロフ | リンクはプロフ "
        "| 固定ポスト | 固定ツイ"
    ),
    "call-to-action:subscribe": ("チャンネル登録 | 登録お願いします | フォローお願いします"),
    "call-to-action:support": ("支援 | 応援よろしく | よかったら読んで | よろしくお願いします"),
    "call-to-action:watch": ("ぜひ見て | 見てください | 聴いてください | 読んでください"),
    "call-to-action:live": ("配信します | 配信中 | 配信開始 | 生放送 | 今から配信"),
    "commissions-open": ("有償依頼 | 依頼受付 | リクエスト受付 | コミッション | 受付を再開"),
    "open-slots": ("枠のみ | <n>枠 | 残り<n>枠 | 空きあり"),
    "offer:course": ("講座 | ワークショップ | セミナー | チケット"),
    "restock": ("再入荷 | 再販 | 在庫復活 | 再販売"),
    "comeback": ("入荷しました"),
    "giveaway": ("プレゼントキャンペーン | プレゼント企画 | 抽選 | 名様に | 名様"),
    "giveaway-entry": (
        "フォロー＆リポスト | フォロー&リポスト | フォロー＆rt | フォロー&rt | 応募 | 締切"
    ),
    "launch": (
        "販売開始 | 発売開始 | 本日発売 | 公開しました | オープンしました | "
        "リリースしました | 追加しました"
    ),
    "release": ("発売 | 新刊 | 新作 | 出版"),
    "new-content": (
        "新しい動画 | 動画をアップ | 動画を公開 | 新しい記事 | 記事を公開 | "
        "アップしました | 投稿しました | メイキング"
    ),
    "newsletter": ("メルマガ | ニュースレター"),
    "discount": ("セール | 割引 | クーポン | %off | ％off | 半額 | キャンペーン中"),
    "limited-offer": ("数量限定 | 期間限定 | 限定 | 先着 | 残りわずか | 締切"),
    "ad-disclosure": ("#pr | #提供 | プロモーション | アフィリエイト | #広告 | 広告"),
    "crypto-shill": ("爆上げ | 仮想通貨で"),
    "ownership": ("私の | 当店 | ショップ | うちのショップ | 自分の本 | 初めての本"),
    "self-made": ("ハンドメイド | 手作り | 描きました | 作りました"),
    "context:buyer": (
        "届いた | 買った | 買えた | 予約してた | 予約した | 購入した | ポチった | 届かない | 頼んだ"
    ),
    "context:third-party": ("友達 | 友人 | 知人"),
    "context:question": ("ありますか | 教えてください | おすすめありますか | ですか？"),
    "context:warning": ("詐欺 | 注意"),
    "context:fan": ("ずっと聴いてる | おすすめです | 最高だった | 面白かった | 良かった"),
    "affiliate-mention": ("紹介コード | 招待コード | 紹介リンク"),
}
