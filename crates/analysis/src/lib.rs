//! svodka-analysis: the [`Analysis`] type and everything it is made of — spans, languages, model
//! roles, entities. No torch: the engine produces it, the library stores it, the shell and the UI
//! show it (TypeScript bindings via ts-rs).

mod analysis;
mod entity;
mod lang;
mod role;
mod span;

pub use analysis::{
    Analysis, Document, Entities, Length, ModelUse, Route, Stage, StageTiming, Summaries, Summary,
    FORMAT_VERSION,
};
pub use entity::{Entity, EntityKind};
pub use lang::Lang;
pub use role::Role;
pub use span::{CharIndex, Span};
