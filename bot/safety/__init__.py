"""What the bot does when a reply to "how are you doing?" is a crisis or distress (issue 18):
the pure choice of answer and holds (respond.py), the resources table, and the texts. The
judgement itself is bot.triage's; everything here takes it as given."""
