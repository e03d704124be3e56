//! The entity model every reader produces and every later stage consumes.
//!
//! It follows FollowTheMoney (FtM), the open format of OpenSanctions, so that what embargo reads can
//! be written back out as FtM and compared with other tools. Values are parsed at the boundary
//! (readers) into typed fields: a [`CountryCode`] is always an ISO 3166-1 alpha-2 code, a
//! [`PartialDate`] keeps the precision the source published, a [`Name`] knows whether it is a
//! primary name, a strong or a weak alias.

pub mod country;
pub mod date;
pub mod entity;
pub mod identifier;
pub mod name;
pub mod problem;
pub mod schema;

pub use country::CountryCode;
pub use date::{DateOfBirth, PartialDate};
pub use entity::{Address, Entity, EntityId, ListDocument, Relation, SourceRef};
pub use identifier::{Identifier, IdentifierKind};
pub use name::{Name, NameKind, NameParts};
pub use problem::{Problem, Severity};
pub use schema::{Gender, Schema};
