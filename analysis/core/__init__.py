"""The ground floor: what every layer may use: project paths, text fit for a message, and
the one grammar of numbers."""
