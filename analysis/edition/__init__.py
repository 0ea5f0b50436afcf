"""The edition machinery: parameters, notebook execution, the HTML build and the command line."""
