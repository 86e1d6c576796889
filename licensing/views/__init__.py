"""Views of the licensing app: public pages, investor accounts and pages, the one-stop webhook."""
