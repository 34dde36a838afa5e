//! Co-creation from end to end, as the people involved live it: the window opens, the public
//! proposes, supports and comments, the forum drafts, answers with reasons, consults, approves
//! and starts implementation.

use abierto::domain::Role;
use axum::http::StatusCode;

use crate::cocreation::drafting::{
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

    // 2. A participant proposes; another supports the proposal and comments on it.
    let mut author = log_in_as(&app, "autora@example.org", Role::Participant, None).await;
    let proposals = format!("/plans/{PLAN}/proposals");
    let page = author
        .post_form(
            &format!("{proposals}/new"),
            &proposals,
            &[
                ("title", "Contratos públicos en datos abiertos"),
                ("problem", "Los contratos modificados no se publican."),
                (
                    "proposal",
                    "Publicar cada contrato y sus cambios en formato abierto.",
                ),
                ("theme", "Contratación pública"),
                ("institution", ""),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let proposal: uuid::Uuid = sqlx::query_scalar("SELECT id FROM proposals")
        .fetch_one(&app.db)
        .await
        .expect("the proposal");
    let proposal_page = format!("{proposals}/{proposal}");
    let mut supporter = log_in_as(&app, "apoyo@example.org", Role::Participant, None).await;
    let page = supporter
        .post_form(&proposal_page, &format!("{proposal_page}/support"), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = supporter
        .post_form(
            &proposal_page,
            &format!("{proposal_page}/comments"),
            &[("body", "Incluyan también las compras por emergencia.")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let page = app.get(&proposal_page).await;
    assert!(page.body.contains("1 apoyo"));
    assert!(
        page.body
            .contains("Incluyan también las compras por emergencia.")
    );

    // 3. The forum drafts a commitment with its actors and milestones and opens it to
    //    public consultation.
    draft_commitment(&app, &mut forum, "1", true).await;
    let page = move_commitment(&app, &mut forum, "1", "consultation").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);

    // The forum answers the proposal with its reasons, merging it into the draft.
    let commitment: uuid::Uuid = sqlx::query_scalar(
        "SELECT c.id FROM commitments c JOIN action_plans p ON p.id = c.plan_id
          WHERE p.slug = $1 AND c.code = '1'",
    )
    .bind(PLAN)
    .fetch_one(&app.db)
    .await
    .expect("the drafted commitment");
    let triage = format!("/co-creation/plans/{PLAN}/proposals/{proposal}");
    let response =
        "Se integra en el compromiso 1: se publicarán también los contratos modificados.";
    let page = forum
        .post_form(
            &triage,
            &triage,
            &[
                ("state", "merged"),
                ("response", response),
                ("commitment", &commitment.to_string()),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let page = author.get(&proposal_page).await;
    assert!(
        page.body.contains(response),
        "the author reads the reasoned response"
    );
    let register = app.get(&format!("{proposals}/register")).await;
    assert!(register.body.contains(response));

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
