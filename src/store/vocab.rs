//! The closed vocabularies as the database keeps them: text columns whose values are the
//! enums' `as_str` spellings. A query names the enum in a column's type override
//! (`p.phase AS "phase: PlanPhase"`), so its row carries the enum and the value is parsed
//! once, as it is read; a value the enum does not know is a decoding error, never a default.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo, PgValueRef};
use sqlx::{Decode, Encode, Postgres, Type};

use crate::domain::{
    CommitmentState, Completion, Fulfilment, HeadlineFigure, MilestoneStatus, PlanPhase,
    ReviewState, Role,
};

macro_rules! text_vocabulary {
    ($($name:ty),+ $(,)?) => {
        $(
            impl Type<Postgres> for $name {
                fn type_info() -> PgTypeInfo {
                    <&str as Type<Postgres>>::type_info()
                }

                fn compatible(ty: &PgTypeInfo) -> bool {
                    <&str as Type<Postgres>>::compatible(ty)
                }
            }

            impl<'r> Decode<'r, Postgres> for $name {
                fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
                    Ok(<&str as Decode<Postgres>>::decode(value)?.parse()?)
                }
            }

            impl Encode<'_, Postgres> for $name {
                fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
                    <&str as Encode<Postgres>>::encode_by_ref(&self.as_str(), buf)
                }
            }
        )+
    };
}

text_vocabulary!(
    CommitmentState,
    Completion,
    Fulfilment,
    HeadlineFigure,
    MilestoneStatus,
    PlanPhase,
    ReviewState,
    Role
);
