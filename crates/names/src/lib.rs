//! Names: normalisation, scripts, transliteration, tokens, legal forms, honorifics, phonetic keys.
