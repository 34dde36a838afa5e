//! What an operator runs from the command line to move data in and out (`abierto export …`,
//! `abierto import …`): the formats are in `transfer`, the writes in `store`.

pub mod transfer;
