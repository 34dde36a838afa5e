//! Co-creation from end to end, as the people involved live it. This file holds the forum's
//! half (window, drafting, consultation, approval, implementation); the proposal steps
//! (participants propose and support, the forum answers with reasons) join it where marked.

use abierto::domain::Role;
use axum::http::StatusCode;

use crate::cocreation_drafting::{
    PLAN, create_plan, draft_commitment, log_in_as, move_commitment, move_plan, nucleo, open_window,
};
use crate::helpers::spawn_demo_app;

#[tokio::test]
async fn a_plan_goes_from_open_window_to_implementation_with_public_input() {
    let app = spawn_demo_app().await;
    let mut forum = nucleo(&app).await;

    // 1. The forum creates the plan and opens the co-creation window.
    create_plan(&app, &mut forum).await;
    open_window(&app, &mut forum).await;

    // 2. (Proposal steps join here: a participant proposes, others support, the forum
    //    answers with reasons and links the accepted proposal to the commitment below.)

    // 3. The forum drafts a commitment with its actors and milestones and opens it to
    //    public consultation.
    draft_commitment(&app, &mut forum, "1", true).await;
    let page = move_commitment(&app, &mut forum, "1", "consultation").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);

    // 4. A participant comments on the draft on its public page.
    let mut participant = log_in_as(&app, "ciudadana@example.org", Role::Participant, None).await;
    let public = format!("/plans/{PLAN}/commitments/1");
    let page = participant
        .post_form(
            &public,
            &format!("{public}/comments"),
            &[("body", "Publiquen también los contratos modificados.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(
        app.get(&public)
            .await
            .body
            .contains("Publiquen también los contratos modificados.")
    );

    // 5. The forum approves the commitment: its baseline is frozen.
    let page = move_commitment(&app, &mut forum, "1", "approved").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app.get(&public).await;
    assert!(page.body.contains("Aprobado"));

    // 6. Every commitment is approved: the plan enters implementation, publicly.
    let page = move_plan(&app, &mut forum, "implementation").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let page = app.get(&format!("/plans/{PLAN}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Implementación"));
}
