"""What a new project or entry starts from: ``errorbook init`` (`project`, one module per file
it writes) and ``errorbook new`` (`entry`)."""
