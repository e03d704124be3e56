//! Candidate retrieval and scoring.
