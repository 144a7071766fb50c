"""The edge: wire formats and SDK models become the bot's own events here, and nowhere else."""
