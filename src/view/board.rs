//! Initiatives as a kanban: todo / doing / done, grouped by objective. Plain
//! data from the index; no I/O.

use serde::Serialize;

use crate::model::{Context, Cycle, InitiativeState};

#[derive(Debug, Clone, Serialize)]
pub struct BoardView {
    pub cycle: String,
    pub objectives: Vec<BoardObjective>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BoardObjective {
    pub id: String,
    pub title: String,
    pub todo: Vec<Card>,
    pub doing: Vec<Card>,
    pub done: Vec<Card>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub title: String,
    pub owner: Option<String>,
    /// `objective-id/kr-id` of the key result it moves.
    pub key_result: Option<String>,
}

/// The objectives of the cycle that have initiatives, with their cards by state.
pub fn board(cx: &Context<'_>, cycle: &Cycle, team: Option<&str>) -> BoardView {
    let objectives = cx
        .cycle_members(&cycle.id)
        .filter(|at| team.is_none_or(|t| at.file.team.as_deref() == Some(t)))
        .filter(|at| !at.objective.initiatives.is_empty())
        .map(|at| {
            let o = at.objective;
            let column = |state: InitiativeState| -> Vec<Card> {
                o.initiatives
                    .iter()
                    .filter(|i| i.state == state)
                    .map(|i| Card {
                        title: i.title.clone(),
                        owner: i.owner.clone(),
                        key_result: i.key_result.as_ref().map(|k| {
                            if k.contains('/') {
                                k.clone()
                            } else {
                                format!("{}/{k}", o.id)
                            }
                        }),
                    })
                    .collect()
            };
            BoardObjective {
                id: o.id.clone(),
                title: o.title.clone(),
                todo: column(InitiativeState::Todo),
                doing: column(InitiativeState::Doing),
                done: column(InitiativeState::Done),
            }
        })
        .collect();
    BoardView {
        cycle: cycle.id.clone(),
        objectives,
    }
}
