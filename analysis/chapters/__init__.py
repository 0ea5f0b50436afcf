"""One module per chapter of the book: what its notebook computes and draws."""
