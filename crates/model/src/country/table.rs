//! ISO 3166-1 alpha-2 codes with their English short names and the aliases met in lists.
//! (code, English short name, aliases)

pub(super) static COUNTRIES: &[(&str, &str, &[&str])] = &[
    ("af", "Afghanistan", &[]),
    ("kp", "North Korea", &["Democratic People's Republic of Korea", "Korea, North", "DPRK", "Korea, Democratic People's Republic of"]),
    ("kr", "South Korea", &["Republic of Korea", "Korea, South", "Korea"]),
    ("ru", "Russia", &["Russian Federation"]),
    ("us", "United States", &["United States of America", "USA", "U.S.A."]),
    ("my", "Malaysia", &[]),
    ("hk", "Hong Kong", &["Hong Kong SAR", "China, Hong Kong Special Administrative Region"]),
    ("cn", "China", &["People's Republic of China"]),
    ("su", "Soviet Union", &["USSR", "Union of Soviet Socialist Republics"]),
];
