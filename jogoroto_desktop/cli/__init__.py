"""The command line: global options, the headless subcommands, and the hand-off to the GUI."""
