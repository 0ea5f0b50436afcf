"""The report's data and its contract: loading, validation and the data package."""
