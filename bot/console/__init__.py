"""The console front end and its plain-text renderer."""
