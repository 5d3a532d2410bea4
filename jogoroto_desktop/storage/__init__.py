"""Where the data lives: the folders, this PC's database settings, backup and data copy."""
