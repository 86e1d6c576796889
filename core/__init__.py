"""The ground floor: helpers every app shares and the shared kernel (the investor's project profile and the
rule engine). It imports no app of the project."""
