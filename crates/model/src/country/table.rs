//! ISO 3166-1 alpha-2 codes with their English short names and the aliases met in lists.
//!
//! Each row is `(code, English short name, aliases)`. The short name is what a reviewer reads
//! (`CountryCode::name`); the aliases are every other way the lists, their remarks and customer
//! files write the same country:
//!
//! - the UN's formal forms ("Iran (Islamic Republic of)", "Syrian Arab Republic", "Viet Nam",
//!   "United Kingdom of Great Britain and Northern Ireland", "State of Palestine");
//! - OFAC's inverted forms ("Korea, North", "Congo, Democratic Republic of the") and its older
//!   names ("Burma", "Macau", "West Bank" and "Gaza" for `ps`);
//! - ISO's own short and official names, common English names ("Ivory Coast", "Czech Republic",
//!   "Swaziland", "Macedonia");
//! - nationality adjectives, because lists put them in nationality and issuing-country fields
//!   ("Afghan", "Saudi Arabian", "Kuwaiti"). Only unambiguous ones: "Korean", "Congolese" and
//!   "Dominican" each name two countries and are left out.
//!
//! Keys are compared after `normalise_key` (case, accents, punctuation and a leading "the" are
//! ignored), so "Cote d'Ivoire" and "CÔTE D’IVOIRE" need no row of their own; they are listed
//! where a reader may grep for them.
//!
//! Besides the 249 ISO 3166-1 codes the table holds:
//! - `xk` Kosovo, the user-assigned code the EU, OFAC and OpenSanctions use;
//! - former states with the codes ISO 3166-3 reserved for them, because birth places and
//!   nationalities of people listed decades ago name them: `su` Soviet Union, `yu` Yugoslavia,
//!   `cs` Czechoslovakia, `dd` East Germany, `an` Netherlands Antilles. ISO gave `cs` first to
//!   Czechoslovakia and then, from 2003 to 2006, to Serbia and Montenegro; here `cs` stays
//!   Czechoslovakia, and "Serbia and Montenegro" maps to `yu`, since it is the Federal Republic
//!   of Yugoslavia under the name it took in 2003.
//! - Dissolved states are *not* mapped to a successor ("USSR" is not Russia): the list said the
//!   person held the old nationality, and the matcher decides how far that agrees with a query.

pub(super) static COUNTRIES: &[(&str, &str, &[&str])] = &[
    ("ad", "Andorra", &["Principality of Andorra", "Andorran"]),
    (
        "ae",
        "United Arab Emirates",
        &["UAE", "U.A.E.", "Emirati", "Emirates"],
    ),
    (
        "af",
        "Afghanistan",
        &[
            "Islamic Republic of Afghanistan",
            "Afghan",
            "Islamic Emirate of Afghanistan",
        ],
    ),
    (
        "ag",
        "Antigua and Barbuda",
        &["Antigua", "Antigua & Barbuda"],
    ),
    ("ai", "Anguilla", &[]),
    ("al", "Albania", &["Republic of Albania", "Albanian"]),
    ("am", "Armenia", &["Republic of Armenia", "Armenian"]),
    ("ao", "Angola", &["Republic of Angola", "Angolan"]),
    ("aq", "Antarctica", &[]),
    (
        "ar",
        "Argentina",
        &["Argentine Republic", "Argentine", "Argentinian"],
    ),
    ("as", "American Samoa", &[]),
    ("at", "Austria", &["Republic of Austria", "Austrian"]),
    (
        "au",
        "Australia",
        &["Australian", "Commonwealth of Australia"],
    ),
    ("aw", "Aruba", &[]),
    ("ax", "Åland Islands", &["Aland Islands", "Aland"]),
    (
        "az",
        "Azerbaijan",
        &["Republic of Azerbaijan", "Azerbaijani", "Azeri"],
    ),
    (
        "ba",
        "Bosnia and Herzegovina",
        &[
            "Republic of Bosnia and Herzegovina",
            "Bosnia",
            "Bosnia-Herzegovina",
            "Bosnia & Herzegovina",
            "Bosnian",
        ],
    ),
    ("bb", "Barbados", &["Barbadian"]),
    (
        "bd",
        "Bangladesh",
        &["People's Republic of Bangladesh", "Bangladeshi"],
    ),
    ("be", "Belgium", &["Kingdom of Belgium", "Belgian"]),
    ("bf", "Burkina Faso", &["Burkinabe", "Upper Volta"]),
    ("bg", "Bulgaria", &["Republic of Bulgaria", "Bulgarian"]),
    ("bh", "Bahrain", &["Kingdom of Bahrain", "Bahraini"]),
    ("bi", "Burundi", &["Republic of Burundi", "Burundian"]),
    ("bj", "Benin", &["Republic of Benin", "Beninese", "Dahomey"]),
    (
        "bl",
        "Saint Barthélemy",
        &["Saint Barthelemy", "St. Barthelemy"],
    ),
    ("bm", "Bermuda", &["Bermudian"]),
    ("bn", "Brunei", &["Brunei Darussalam", "Bruneian"]),
    (
        "bo",
        "Bolivia",
        &[
            "Bolivia, Plurinational State of",
            "Plurinational State of Bolivia",
            "Bolivia (Plurinational State of)",
            "Bolivian",
        ],
    ),
    (
        "bq",
        "Bonaire, Sint Eustatius and Saba",
        &["Caribbean Netherlands"],
    ),
    (
        "br",
        "Brazil",
        &["Federative Republic of Brazil", "Brazilian"],
    ),
    (
        "bs",
        "Bahamas",
        &["Bahamas, The", "Commonwealth of the Bahamas", "Bahamian"],
    ),
    ("bt", "Bhutan", &["Kingdom of Bhutan", "Bhutanese"]),
    ("bv", "Bouvet Island", &[]),
    ("bw", "Botswana", &["Republic of Botswana", "Botswanan"]),
    (
        "by",
        "Belarus",
        &[
            "Republic of Belarus",
            "Belarusian",
            "Byelorussia",
            "Belorussia",
        ],
    ),
    ("bz", "Belize", &["Belizean"]),
    ("ca", "Canada", &["Canadian"]),
    ("cc", "Cocos (Keeling) Islands", &[]),
    (
        "cd",
        "Democratic Republic of the Congo",
        &[
            "Congo, The Democratic Republic of the",
            "Congo, Democratic Republic of the",
            "Democratic Republic of Congo",
            "DR Congo",
            "DRC",
            "D.R. Congo",
            "Congo-Kinshasa",
            "Congo (Kinshasa)",
            "Zaire",
        ],
    ),
    (
        "cf",
        "Central African Republic",
        &["Central African", "Centrafrique"],
    ),
    (
        "cg",
        "Republic of the Congo",
        &[
            "Congo",
            "Congo, Republic of the",
            "Republic of Congo",
            "Congo-Brazzaville",
            "Congo (Brazzaville)",
        ],
    ),
    ("ch", "Switzerland", &["Swiss Confederation", "Swiss"]),
    (
        "ci",
        "Côte d'Ivoire",
        &[
            "Cote d Ivoire",
            "Republic of Côte d'Ivoire",
            "Cote d'Ivoire",
            "Ivory Coast",
            "Ivorian",
        ],
    ),
    ("ck", "Cook Islands", &[]),
    ("cl", "Chile", &["Republic of Chile", "Chilean"]),
    ("cm", "Cameroon", &["Republic of Cameroon", "Cameroonian"]),
    (
        "cn",
        "China",
        &[
            "People's Republic of China",
            "Chinese",
            "PRC",
            "China, People's Republic of",
            "Mainland China",
        ],
    ),
    ("co", "Colombia", &["Republic of Colombia", "Colombian"]),
    (
        "cr",
        "Costa Rica",
        &["Republic of Costa Rica", "Costa Rican"],
    ),
    ("cu", "Cuba", &["Republic of Cuba", "Cuban"]),
    (
        "cv",
        "Cabo Verde",
        &["Republic of Cabo Verde", "Cape Verde", "Cape Verdean"],
    ),
    ("cw", "Curaçao", &["Curacao"]),
    ("cx", "Christmas Island", &[]),
    ("cy", "Cyprus", &["Republic of Cyprus", "Cypriot"]),
    ("cz", "Czechia", &["Czech Republic", "Czech"]),
    (
        "de",
        "Germany",
        &["Federal Republic of Germany", "German", "West Germany"],
    ),
    ("dj", "Djibouti", &["Republic of Djibouti", "Djiboutian"]),
    ("dk", "Denmark", &["Kingdom of Denmark", "Danish"]),
    ("dm", "Dominica", &["Commonwealth of Dominica"]),
    ("do", "Dominican Republic", &[]),
    (
        "dz",
        "Algeria",
        &["People's Democratic Republic of Algeria", "Algerian"],
    ),
    ("ec", "Ecuador", &["Republic of Ecuador", "Ecuadorian"]),
    ("ee", "Estonia", &["Republic of Estonia", "Estonian"]),
    ("eg", "Egypt", &["Arab Republic of Egypt", "Egyptian"]),
    ("eh", "Western Sahara", &[]),
    (
        "er",
        "Eritrea",
        &["the State of Eritrea", "Eritrean", "State of Eritrea"],
    ),
    ("es", "Spain", &["Kingdom of Spain", "Spanish"]),
    (
        "et",
        "Ethiopia",
        &["Federal Democratic Republic of Ethiopia", "Ethiopian"],
    ),
    ("fi", "Finland", &["Republic of Finland", "Finnish"]),
    ("fj", "Fiji", &["Republic of Fiji", "Fijian"]),
    (
        "fk",
        "Falkland Islands",
        &["Falkland Islands (Malvinas)", "Malvinas"],
    ),
    (
        "fm",
        "Micronesia",
        &[
            "Micronesia, Federated States of",
            "Federated States of Micronesia",
            "Micronesia (Federated States of)",
        ],
    ),
    ("fo", "Faroe Islands", &["Faeroe Islands", "Faroese"]),
    ("fr", "France", &["French Republic", "French"]),
    ("ga", "Gabon", &["Gabonese Republic", "Gabonese"]),
    (
        "gb",
        "United Kingdom",
        &[
            "United Kingdom of Great Britain and Northern Ireland",
            "UK",
            "U.K.",
            "Great Britain",
            "Britain",
            "British",
            "England",
            "Scotland",
            "Northern Ireland",
        ],
    ),
    ("gd", "Grenada", &["Grenadian"]),
    ("ge", "Georgia", &["Georgian"]),
    ("gf", "French Guiana", &[]),
    ("gg", "Guernsey", &[]),
    ("gh", "Ghana", &["Republic of Ghana", "Ghanaian"]),
    ("gi", "Gibraltar", &[]),
    ("gl", "Greenland", &[]),
    (
        "gm",
        "Gambia",
        &["Gambia, The", "Republic of the Gambia", "Gambian"],
    ),
    ("gn", "Guinea", &["Republic of Guinea", "Guinean"]),
    ("gp", "Guadeloupe", &[]),
    (
        "gq",
        "Equatorial Guinea",
        &[
            "Republic of Equatorial Guinea",
            "Equatorial Guinean",
            "Equatoguinean",
        ],
    ),
    ("gr", "Greece", &["Hellenic Republic", "Greek"]),
    ("gs", "South Georgia and the South Sandwich Islands", &[]),
    ("gt", "Guatemala", &["Republic of Guatemala", "Guatemalan"]),
    ("gu", "Guam", &[]),
    (
        "gw",
        "Guinea-Bissau",
        &[
            "Republic of Guinea-Bissau",
            "Guinea Bissau",
            "Bissau-Guinean",
        ],
    ),
    ("gy", "Guyana", &["Republic of Guyana", "Guyanese"]),
    (
        "hk",
        "Hong Kong",
        &[
            "Hong Kong Special Administrative Region of China",
            "Hong Kong SAR",
            "Hong Kong Special Administrative Region",
            "China, Hong Kong Special Administrative Region",
            "Hong Kong, China",
            "Hong Kong (China)",
            "Hong Kong SAR, China",
            "Hongkong",
        ],
    ),
    ("hm", "Heard Island and McDonald Islands", &[]),
    ("hn", "Honduras", &["Republic of Honduras", "Honduran"]),
    ("hr", "Croatia", &["Republic of Croatia", "Croatian"]),
    ("ht", "Haiti", &["Republic of Haiti", "Haitian"]),
    ("hu", "Hungary", &["Hungarian"]),
    ("id", "Indonesia", &["Republic of Indonesia", "Indonesian"]),
    ("ie", "Ireland", &["Irish", "Republic of Ireland", "Eire"]),
    ("il", "Israel", &["State of Israel", "Israeli"]),
    ("im", "Isle of Man", &["Man, Isle of", "Manx"]),
    ("in", "India", &["Republic of India", "Indian"]),
    ("io", "British Indian Ocean Territory", &[]),
    ("iq", "Iraq", &["Republic of Iraq", "Iraqi"]),
    (
        "ir",
        "Iran",
        &[
            "Iran, Islamic Republic of",
            "Islamic Republic of Iran",
            "Iran (Islamic Republic of)",
            "Iranian",
            "Persia",
        ],
    ),
    ("is", "Iceland", &["Republic of Iceland", "Icelandic"]),
    ("it", "Italy", &["Italian Republic", "Italian"]),
    ("je", "Jersey", &[]),
    ("jm", "Jamaica", &["Jamaican"]),
    (
        "jo",
        "Jordan",
        &["Hashemite Kingdom of Jordan", "Jordanian"],
    ),
    ("jp", "Japan", &["Japanese"]),
    ("ke", "Kenya", &["Republic of Kenya", "Kenyan"]),
    (
        "kg",
        "Kyrgyzstan",
        &["Kyrgyz Republic", "Kyrgyz", "Kirghizia", "Kirgizstan"],
    ),
    (
        "kh",
        "Cambodia",
        &["Kingdom of Cambodia", "Cambodian", "Kampuchea"],
    ),
    ("ki", "Kiribati", &["Republic of Kiribati"]),
    (
        "km",
        "Comoros",
        &["Union of the Comoros", "Comoran", "Comorian"],
    ),
    (
        "kn",
        "Saint Kitts and Nevis",
        &[
            "St. Kitts and Nevis",
            "Saint Christopher and Nevis",
            "Kittitian",
        ],
    ),
    (
        "kp",
        "North Korea",
        &[
            "Korea, Democratic People's Republic of",
            "Democratic People's Republic of Korea",
            "Korea, North",
            "Korea (Democratic People's Republic of)",
            "DPRK",
            "D.P.R.K.",
            "DPR Korea",
            "Korea DPR",
            "North Korean",
            "RPDC",
        ],
    ),
    (
        "kr",
        "South Korea",
        &[
            "Korea, Republic of",
            "Republic of Korea",
            "Korea, South",
            "Korea (Republic of)",
            "South Korean",
            "Korea",
        ],
    ),
    ("kw", "Kuwait", &["State of Kuwait", "Kuwaiti"]),
    ("ky", "Cayman Islands", &["Caymanian"]),
    (
        "kz",
        "Kazakhstan",
        &[
            "Republic of Kazakhstan",
            "Kazakh",
            "Kazakhstani",
            "Kazakstan",
        ],
    ),
    (
        "la",
        "Laos",
        &[
            "Lao People's Democratic Republic",
            "Lao PDR",
            "Lao",
            "Laotian",
        ],
    ),
    ("lb", "Lebanon", &["Lebanese Republic", "Lebanese"]),
    ("lc", "Saint Lucia", &["St. Lucia", "Saint Lucian"]),
    ("li", "Liechtenstein", &["Principality of Liechtenstein"]),
    (
        "lk",
        "Sri Lanka",
        &[
            "Democratic Socialist Republic of Sri Lanka",
            "Sri Lankan",
            "Ceylon",
        ],
    ),
    ("lr", "Liberia", &["Republic of Liberia", "Liberian"]),
    ("ls", "Lesotho", &["Kingdom of Lesotho"]),
    ("lt", "Lithuania", &["Republic of Lithuania", "Lithuanian"]),
    (
        "lu",
        "Luxembourg",
        &["Grand Duchy of Luxembourg", "Luxembourger"],
    ),
    ("lv", "Latvia", &["Republic of Latvia", "Latvian"]),
    (
        "ly",
        "Libya",
        &["Libyan", "Libyan Arab Jamahiriya", "State of Libya"],
    ),
    ("ma", "Morocco", &["Kingdom of Morocco", "Moroccan"]),
    ("mc", "Monaco", &["Principality of Monaco", "Monegasque"]),
    (
        "md",
        "Moldova",
        &["Moldova, Republic of", "Republic of Moldova", "Moldovan"],
    ),
    ("me", "Montenegro", &["Montenegrin"]),
    (
        "mf",
        "Saint Martin",
        &["Saint Martin (French part)", "St. Martin"],
    ),
    ("mg", "Madagascar", &["Republic of Madagascar", "Malagasy"]),
    (
        "mh",
        "Marshall Islands",
        &["Republic of the Marshall Islands", "Marshallese"],
    ),
    (
        "mk",
        "North Macedonia",
        &[
            "North Macedonia, The Republic of",
            "Republic of North Macedonia",
            "Macedonia",
            "The former Yugoslav Republic of Macedonia",
            "Former Yugoslav Republic of Macedonia",
            "FYROM",
            "Macedonia, The Former Yugoslav Republic of",
        ],
    ),
    ("ml", "Mali", &["Republic of Mali", "Malian"]),
    (
        "mm",
        "Myanmar",
        &[
            "Republic of Myanmar",
            "Burma",
            "Burmese",
            "Republic of the Union of Myanmar",
        ],
    ),
    ("mn", "Mongolia", &["Mongolian"]),
    (
        "mo",
        "Macao",
        &[
            "Macao Special Administrative Region of China",
            "Macau",
            "Macao SAR",
            "Macao Special Administrative Region",
            "China, Macao Special Administrative Region",
            "Macau, China",
            "Macao, China",
        ],
    ),
    (
        "mp",
        "Northern Mariana Islands",
        &["Commonwealth of the Northern Mariana Islands"],
    ),
    ("mq", "Martinique", &[]),
    (
        "mr",
        "Mauritania",
        &["Islamic Republic of Mauritania", "Mauritanian"],
    ),
    ("ms", "Montserrat", &[]),
    ("mt", "Malta", &["Republic of Malta", "Maltese"]),
    ("mu", "Mauritius", &["Republic of Mauritius", "Mauritian"]),
    ("mv", "Maldives", &["Republic of Maldives", "Maldivian"]),
    ("mw", "Malawi", &["Republic of Malawi", "Malawian"]),
    ("mx", "Mexico", &["United Mexican States", "Mexican"]),
    ("my", "Malaysia", &["Malaysian"]),
    (
        "mz",
        "Mozambique",
        &["Republic of Mozambique", "Mozambican"],
    ),
    ("na", "Namibia", &["Republic of Namibia", "Namibian"]),
    ("nc", "New Caledonia", &[]),
    ("ne", "Niger", &["Republic of the Niger", "Nigerien"]),
    ("nf", "Norfolk Island", &[]),
    (
        "ng",
        "Nigeria",
        &["Federal Republic of Nigeria", "Nigerian"],
    ),
    ("ni", "Nicaragua", &["Republic of Nicaragua", "Nicaraguan"]),
    (
        "nl",
        "Netherlands",
        &[
            "Netherlands, The",
            "Kingdom of the Netherlands",
            "Holland",
            "Dutch",
        ],
    ),
    ("no", "Norway", &["Kingdom of Norway", "Norwegian"]),
    (
        "np",
        "Nepal",
        &["Federal Democratic Republic of Nepal", "Nepalese", "Nepali"],
    ),
    ("nr", "Nauru", &["Republic of Nauru"]),
    ("nu", "Niue", &[]),
    ("nz", "New Zealand", &["New Zealander"]),
    ("om", "Oman", &["Sultanate of Oman", "Omani"]),
    ("pa", "Panama", &["Republic of Panama", "Panamanian"]),
    ("pe", "Peru", &["Republic of Peru", "Peruvian"]),
    ("pf", "French Polynesia", &[]),
    (
        "pg",
        "Papua New Guinea",
        &["Independent State of Papua New Guinea", "Papua New Guinean"],
    ),
    (
        "ph",
        "Philippines",
        &["Republic of the Philippines", "Philippine", "Filipino"],
    ),
    (
        "pk",
        "Pakistan",
        &["Islamic Republic of Pakistan", "Pakistani"],
    ),
    ("pl", "Poland", &["Republic of Poland", "Polish"]),
    (
        "pm",
        "Saint Pierre and Miquelon",
        &["St. Pierre and Miquelon"],
    ),
    ("pn", "Pitcairn Islands", &["Pitcairn"]),
    ("pr", "Puerto Rico", &["Puerto Rican"]),
    (
        "ps",
        "Palestine",
        &[
            "Palestine, State of",
            "the State of Palestine",
            "State of Palestine",
            "Palestinian",
            "Palestinian Territories",
            "Palestinian Territory",
            "Occupied Palestinian Territory",
            "Palestinian Authority",
            "West Bank",
            "Gaza",
            "Gaza Strip",
            "West Bank and Gaza",
        ],
    ),
    ("pt", "Portugal", &["Portuguese Republic", "Portuguese"]),
    ("pw", "Palau", &["Republic of Palau", "Palauan"]),
    ("py", "Paraguay", &["Republic of Paraguay", "Paraguayan"]),
    ("qa", "Qatar", &["State of Qatar", "Qatari"]),
    ("re", "Réunion", &["Reunion"]),
    ("ro", "Romania", &["Romanian", "Rumania"]),
    ("rs", "Serbia", &["Republic of Serbia", "Serbian"]),
    ("ru", "Russia", &["Russian Federation", "Russian"]),
    (
        "rw",
        "Rwanda",
        &["Rwandese Republic", "Rwandan", "Rwandese"],
    ),
    (
        "sa",
        "Saudi Arabia",
        &["Kingdom of Saudi Arabia", "Saudi", "Saudi Arabian"],
    ),
    ("sb", "Solomon Islands", &[]),
    (
        "sc",
        "Seychelles",
        &["Republic of Seychelles", "Seychellois"],
    ),
    (
        "sd",
        "Sudan",
        &["Republic of the Sudan", "Sudanese", "The Sudan"],
    ),
    ("se", "Sweden", &["Kingdom of Sweden", "Swedish"]),
    ("sg", "Singapore", &["Republic of Singapore", "Singaporean"]),
    (
        "sh",
        "Saint Helena, Ascension and Tristan da Cunha",
        &["Saint Helena", "St. Helena"],
    ),
    (
        "si",
        "Slovenia",
        &["Republic of Slovenia", "Slovenian", "Slovene"],
    ),
    ("sj", "Svalbard and Jan Mayen", &[]),
    ("sk", "Slovakia", &["Slovak Republic", "Slovak"]),
    (
        "sl",
        "Sierra Leone",
        &["Republic of Sierra Leone", "Sierra Leonean"],
    ),
    (
        "sm",
        "San Marino",
        &["Republic of San Marino", "Sammarinese"],
    ),
    ("sn", "Senegal", &["Republic of Senegal", "Senegalese"]),
    (
        "so",
        "Somalia",
        &["Federal Republic of Somalia", "Somali", "Somalian"],
    ),
    (
        "sr",
        "Suriname",
        &["Republic of Suriname", "Surinamese", "Surinam"],
    ),
    (
        "ss",
        "South Sudan",
        &["Republic of South Sudan", "South Sudanese"],
    ),
    (
        "st",
        "Sao Tome and Principe",
        &[
            "Democratic Republic of Sao Tome and Principe",
            "São Tomé and Príncipe",
            "Sao Tome",
        ],
    ),
    (
        "sv",
        "El Salvador",
        &["Republic of El Salvador", "Salvadoran", "Salvadorian"],
    ),
    ("sx", "Sint Maarten", &["Sint Maarten (Dutch part)"]),
    ("sy", "Syria", &["Syrian Arab Republic", "Syrian"]),
    (
        "sz",
        "Eswatini",
        &["Kingdom of Eswatini", "Swaziland", "Swazi"],
    ),
    ("tc", "Turks and Caicos Islands", &[]),
    ("td", "Chad", &["Republic of Chad", "Chadian"]),
    ("tf", "French Southern Territories", &[]),
    ("tg", "Togo", &["Togolese Republic", "Togolese"]),
    ("th", "Thailand", &["Kingdom of Thailand", "Thai", "Siam"]),
    (
        "tj",
        "Tajikistan",
        &[
            "Republic of Tajikistan",
            "Tajik",
            "Tajikistani",
            "Tadjikistan",
        ],
    ),
    ("tk", "Tokelau", &[]),
    (
        "tl",
        "Timor-Leste",
        &[
            "Democratic Republic of Timor-Leste",
            "East Timor",
            "Timor Leste",
            "East Timorese",
        ],
    ),
    ("tm", "Turkmenistan", &["Turkmen"]),
    ("tn", "Tunisia", &["Republic of Tunisia", "Tunisian"]),
    ("to", "Tonga", &["Kingdom of Tonga", "Tongan"]),
    (
        "tr",
        "Türkiye",
        &[
            "Republic of Türkiye",
            "Turkey",
            "Turkiye",
            "Turkish",
            "Republic of Turkey",
        ],
    ),
    (
        "tt",
        "Trinidad and Tobago",
        &[
            "Republic of Trinidad and Tobago",
            "Trinidad",
            "Trinidadian",
            "Trinidad & Tobago",
        ],
    ),
    ("tv", "Tuvalu", &[]),
    (
        "tw",
        "Taiwan",
        &[
            "Taiwan, Province of China",
            "Taiwan (Province of China)",
            "Republic of China",
            "Chinese Taipei",
            "Taiwanese",
        ],
    ),
    (
        "tz",
        "Tanzania",
        &[
            "Tanzania, United Republic of",
            "United Republic of Tanzania",
            "Tanzanian",
        ],
    ),
    ("ua", "Ukraine", &["Ukrainian"]),
    ("ug", "Uganda", &["Republic of Uganda", "Ugandan"]),
    ("um", "United States Minor Outlying Islands", &[]),
    (
        "us",
        "United States",
        &[
            "United States of America",
            "USA",
            "U.S.A.",
            "U.S.",
            "American",
        ],
    ),
    (
        "uy",
        "Uruguay",
        &["Eastern Republic of Uruguay", "Uruguayan"],
    ),
    (
        "uz",
        "Uzbekistan",
        &["Republic of Uzbekistan", "Uzbek", "Uzbekistani"],
    ),
    (
        "va",
        "Holy See",
        &[
            "Holy See (Vatican City State)",
            "Vatican",
            "Vatican City",
            "Vatican City State",
        ],
    ),
    (
        "vc",
        "Saint Vincent and the Grenadines",
        &[
            "St. Vincent and the Grenadines",
            "Saint Vincent",
            "Vincentian",
        ],
    ),
    (
        "ve",
        "Venezuela",
        &[
            "Venezuela, Bolivarian Republic of",
            "Bolivarian Republic of Venezuela",
            "Venezuela (Bolivarian Republic of)",
            "Venezuelan",
        ],
    ),
    (
        "vg",
        "British Virgin Islands",
        &["Virgin Islands, British", "Virgin Islands (British)"],
    ),
    (
        "vi",
        "United States Virgin Islands",
        &[
            "Virgin Islands, U.S.",
            "Virgin Islands of the United States",
            "U.S. Virgin Islands",
            "US Virgin Islands",
            "Virgin Islands (U.S.)",
        ],
    ),
    (
        "vn",
        "Vietnam",
        &["Viet Nam", "Socialist Republic of Viet Nam", "Vietnamese"],
    ),
    ("vu", "Vanuatu", &["Republic of Vanuatu", "Ni-Vanuatu"]),
    ("wf", "Wallis and Futuna", &[]),
    (
        "ws",
        "Samoa",
        &["Independent State of Samoa", "Samoan", "Western Samoa"],
    ),
    ("ye", "Yemen", &["Republic of Yemen", "Yemeni"]),
    ("yt", "Mayotte", &[]),
    (
        "za",
        "South Africa",
        &["Republic of South Africa", "South African"],
    ),
    ("zm", "Zambia", &["Republic of Zambia", "Zambian"]),
    ("zw", "Zimbabwe", &["Republic of Zimbabwe", "Zimbabwean"]),
    // User-assigned code, used by the EU, OFAC and OpenSanctions for Kosovo.
    ("xk", "Kosovo", &["Republic of Kosovo", "Kosovar"]),
    // Former states, with the codes ISO 3166-3 reserved for them (see the module comment).
    (
        "su",
        "Soviet Union",
        &[
            "USSR",
            "U.S.S.R.",
            "Union of Soviet Socialist Republics",
            "Former Soviet Union",
            "Former USSR",
            "Soviet",
        ],
    ),
    (
        "yu",
        "Yugoslavia",
        &[
            "Federal Republic of Yugoslavia",
            "Socialist Federal Republic of Yugoslavia",
            "Former Yugoslavia",
            "Serbia and Montenegro",
            "Yugoslav",
        ],
    ),
    (
        "cs",
        "Czechoslovakia",
        &[
            "Czechoslovak Socialist Republic",
            "Czechoslovak",
            "Czechoslovakian",
        ],
    ),
    ("dd", "East Germany", &["German Democratic Republic", "GDR"]),
    ("an", "Netherlands Antilles", &[]),
];

#[cfg(test)]
mod tests {
    use super::super::{normalise_key, CountryCode};
    use super::COUNTRIES;
    use std::collections::HashMap;

    /// Two rows must never claim the same key: the map keeps the last one, so a clash would make
    /// a country silently unreachable by that name.
    #[test]
    fn no_name_belongs_to_two_countries() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        let mut clashes = Vec::new();
        for (code, name, aliases) in COUNTRIES {
            for n in std::iter::once(name).chain(aliases.iter()) {
                let key = normalise_key(n);
                if let Some(other) = seen.insert(key.clone(), code) {
                    if other != *code {
                        clashes.push(format!("{key:?}: {other} and {code}"));
                    }
                }
            }
        }
        assert!(clashes.is_empty(), "{clashes:#?}");
    }

    #[test]
    fn codes_are_unique_lowercase_pairs() {
        let mut codes: Vec<&str> = COUNTRIES.iter().map(|(c, _, _)| *c).collect();
        assert!(codes
            .iter()
            .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_lowercase())));
        codes.sort_unstable();
        codes.dedup();
        // 249 ISO 3166-1 codes, Kosovo and five former states.
        assert_eq!(codes.len(), 255);
    }

    #[test]
    fn every_name_and_alias_parses_to_its_row() {
        for (code, name, aliases) in COUNTRIES {
            for n in std::iter::once(name).chain(aliases.iter()) {
                let got = CountryCode::parse(n).map(|c| c.to_string());
                assert_eq!(got.as_deref(), Some(*code), "{n:?}");
            }
            let cc = CountryCode::from_code(code).expect("code");
            assert_eq!(cc.name(), *name);
        }
    }

    #[test]
    fn list_and_customer_forms() {
        let cases = [
            ("Iran (Islamic Republic of)", "ir"),
            ("Syrian Arab Republic", "sy"),
            ("Democratic Republic of the Congo", "cd"),
            ("Congo, Democratic Republic of the", "cd"),
            ("Congo", "cg"),
            ("United Republic of Tanzania", "tz"),
            ("Bolivia (Plurinational State of)", "bo"),
            ("Venezuela (Bolivarian Republic of)", "ve"),
            ("Russian Federation", "ru"),
            (
                "United Kingdom of Great Britain and Northern\nIreland",
                "gb",
            ),
            ("Republic of Moldova", "md"),
            ("Lao People's Democratic Republic", "la"),
            ("Viet Nam", "vn"),
            ("Türkiye", "tr"),
            ("TÜRKIYE", "tr"),
            ("Côte d'Ivoire", "ci"),
            ("CÔTE D’IVOIRE", "ci"),
            ("Ivory Coast", "ci"),
            ("State of Palestine", "ps"),
            ("West Bank", "ps"),
            ("Gaza", "ps"),
            ("Burma", "mm"),
            ("Korea, North", "kp"),
            ("Korea, South", "kr"),
            ("Macau", "mo"),
            ("China, Hong Kong Special Administrative Region", "hk"),
            ("Taiwan", "tw"),
            ("Czech Republic", "cz"),
            ("Czechia", "cz"),
            ("Macedonia", "mk"),
            ("North Macedonia", "mk"),
            ("Swaziland", "sz"),
            ("Eswatini", "sz"),
            ("Kosovo", "xk"),
            ("The Netherlands", "nl"),
            ("Trinidad & Tobago", "tt"),
            ("Bahamas, The", "bs"),
            ("Man, Isle of", "im"),
            ("Cote d Ivoire", "ci"),
            ("St Kitts & Nevis", "kn"),
            ("Afghan", "af"),
            ("Iraqi", "iq"),
            ("Saudi Arabian", "sa"),
            ("former Soviet Union", "su"),
            ("USSR", "su"),
            ("Yugoslavia", "yu"),
            ("Serbia and Montenegro", "yu"),
            ("Czechoslovakia", "cs"),
            ("RPDC", "kp"),
            ("U.S.A.", "us"),
            ("kp", "kp"),
            ("GB", "gb"),
        ];
        for (text, code) in cases {
            let got = CountryCode::parse(text).map(|c| c.to_string());
            assert_eq!(got.as_deref(), Some(code), "{text:?}");
        }
        for text in [
            "Korean",
            "Congolese",
            "Dominican",
            "Atlantis",
            "",
            "na unknown",
        ] {
            assert!(CountryCode::parse(text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn find_all_reads_qualified_fields() {
        let codes = |t: &str| {
            CountryCode::find_all(t)
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(codes("Bahrain (citizenship revoked in Jan. 2015)"), ["bh"]);
        assert_eq!(codes("Possibly Ethiopian"), ["et"]);
        assert_eq!(codes("Sudanese by birth"), ["sd"]);
        assert_eq!(
            codes("United States. Also believed to hold Syrian nationality"),
            ["us", "sy"]
        );
        assert_eq!(codes("Branch Office 11: Iran"), ["ir"]);
        assert_eq!(codes("Iran / unknown"), ["ir"]);
        assert_eq!(codes("Sudan/South Sudan"), ["sd", "ss"]);
        assert_eq!(codes("USSR (until 1991)"), ["su"]);
        assert_eq!(codes("Libya (in custody)"), ["ly"]);
        assert_eq!(codes("Democratic Republic of the Congo"), ["cd"]);
        assert_eq!(codes("Papua New Guinea"), ["pg"]);
        assert_eq!(codes("Tunisian passport"), ["tn"]);
        assert!(codes("na").is_empty());
        assert!(codes("as at in").is_empty());
    }
}
