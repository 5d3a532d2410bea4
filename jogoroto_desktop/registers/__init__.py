"""The official registers: the kernel every register writes through, one module per register."""
