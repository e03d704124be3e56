//! Identifiers that qualify a name hit or, when strong, alert on their own.

use crate::country::CountryCode;
use serde::{Deserialize, Serialize};

/// The kind of a published identifier. Mapped to FtM properties on export
/// (`passportNumber`, `imoNumber`, `swiftBic`…).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentifierKind {
    Passport,
    NationalId,
    TaxId,
    Registration,
    Imo,
    Mmsi,
    CallSign,
    Bic,
    Lei,
    AircraftSerial,
    TailNumber,
    CryptoWallet,
    Email,
    Phone,
    Other,
}

impl IdentifierKind {
    /// A strong identifier is specific enough that an exact match alerts without a name match
    /// (passport, IMO, BIC, wallet…). E-mails, phones and "other" numbers are not.
    pub fn is_strong(self) -> bool {
        !matches!(
            self,
            IdentifierKind::Email | IdentifierKind::Phone | IdentifierKind::Other
        )
    }

    /// The FtM property this kind is written to.
    pub fn ftm_property(self) -> &'static str {
        match self {
            IdentifierKind::Passport => "passportNumber",
            IdentifierKind::NationalId => "idNumber",
            IdentifierKind::TaxId => "taxNumber",
            IdentifierKind::Registration => "registrationNumber",
            IdentifierKind::Imo => "imoNumber",
            IdentifierKind::Mmsi => "mmsi",
            IdentifierKind::CallSign => "callSign",
            IdentifierKind::Bic => "swiftBic",
            IdentifierKind::Lei => "leiCode",
            IdentifierKind::AircraftSerial => "serialNumber",
            IdentifierKind::TailNumber => "registrationNumber",
            IdentifierKind::CryptoWallet => "publicKey",
            IdentifierKind::Email => "email",
            IdentifierKind::Phone => "phone",
            IdentifierKind::Other => "idNumber",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            IdentifierKind::Passport => "passport",
            IdentifierKind::NationalId => "national_id",
            IdentifierKind::TaxId => "tax_id",
            IdentifierKind::Registration => "registration",
            IdentifierKind::Imo => "imo",
            IdentifierKind::Mmsi => "mmsi",
            IdentifierKind::CallSign => "call_sign",
            IdentifierKind::Bic => "bic",
            IdentifierKind::Lei => "lei",
            IdentifierKind::AircraftSerial => "aircraft_serial",
            IdentifierKind::TailNumber => "tail_number",
            IdentifierKind::CryptoWallet => "crypto_wallet",
            IdentifierKind::Email => "email",
            IdentifierKind::Phone => "phone",
            IdentifierKind::Other => "other",
        }
    }
}

/// One identifier as published, with its issuing country and free-text note when given.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Identifier {
    pub kind: IdentifierKind,
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<CountryCode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Identifier {
    pub fn new(kind: IdentifierKind, value: impl Into<String>) -> Self {
        Identifier {
            kind,
            value: value.into(),
            country: None,
            note: None,
        }
    }

    /// The comparison key: upper case, letters and digits only ("IMO 1011551" → "1011551" for IMO
    /// numbers, "AB-123 456" → "AB123456"). Two identifiers of the same kind match when keys match.
    pub fn key(&self) -> String {
        let mut k: String = self
            .value
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_uppercase)
            .collect();
        if self.kind == IdentifierKind::Imo {
            if let Some(rest) = k.strip_prefix("IMO") {
                k = rest.to_string();
            }
        }
        k
    }
}
