"""magcalc: magnesium intake against the US Dietary Reference Intakes."""

__version__ = "0.1.0"
