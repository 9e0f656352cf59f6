"""The Textual app. The only package that imports textual; it reaches data via Service."""
