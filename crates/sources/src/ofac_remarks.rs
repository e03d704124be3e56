//! Parsing of the OFAC remarks column into structured facts (to be written).
