//! Open data: the tables of the download with their data dictionary (both languages), CSV
//! cell neutralisation, and the paging rules of the JSON API. No I/O here.

/// A column type, as Frictionless Table Schema names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    String,
    Integer,
    Number,
    Boolean,
    Date,
    Datetime,
}

impl FieldType {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Integer => "integer",
            FieldType::Number => "number",
            FieldType::Boolean => "boolean",
            FieldType::Date => "date",
            FieldType::Datetime => "datetime",
        }
    }
}

/// One column of an open-data table, described in Spanish and English.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    pub kind: FieldType,
    pub es: &'static str,
    pub en: &'static str,
}

/// One CSV file of the download.
#[derive(Clone, Copy, Debug)]
pub struct Resource {
    /// File name without `.csv`; also the Frictionless resource name.
    pub name: &'static str,
    pub es: &'static str,
    pub en: &'static str,
    pub fields: &'static [Field],
}

impl Resource {
    pub fn file_name(&self) -> String {
        format!("{}.csv", self.name)
    }

    pub fn header(&self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.name).collect()
    }
}

/// The table a `…_id` column points to (its `id`), for the data package's foreign keys.
pub fn referenced_resource(field: &str) -> Option<&'static str> {
    let table = match field {
        "government_id" => "governments",
        "institution_id" | "responsible_institution_id" => "institutions",
        "plan_id" => "plans",
        "commitment_id" => "commitments",
        "milestone_id" => "milestones",
        "update_id" => "progress_updates",
        "counterpart_report_id" => "counterpart_reports",
        "indicator_id" => "indicators",
        "session_id" => "working_sessions",
        _ => return None,
    };
    RESOURCES.iter().find(|r| r.name == table).map(|r| r.name)
}

const fn f(name: &'static str, kind: FieldType, es: &'static str, en: &'static str) -> Field {
    Field { name, kind, es, en }
}

use FieldType::{Boolean as B, Date as D, Datetime as T, Integer as I, Number as N, String as S};

const ID: Field = f("id", S, "Identificador (UUID)", "Identifier (UUID)");
const PLAN_ID: Field = f(
    "plan_id",
    S,
    "Plan de acción (plans.id)",
    "Action plan (plans.id)",
);
const COMMITMENT_ID: Field = f(
    "commitment_id",
    S,
    "Compromiso (commitments.id)",
    "Commitment (commitments.id)",
);
const MILESTONE_ID: Field = f(
    "milestone_id",
    S,
    "Hito (milestones.id)",
    "Milestone (milestones.id)",
);
const INSTITUTION_ID: Field = f(
    "institution_id",
    S,
    "Institución (institutions.id)",
    "Institution (institutions.id)",
);
const SECTOR: Field = f(
    "sector",
    S,
    "Sector: government, civil_society, academia, private_sector, multilateral",
    "Sector: government, civil_society, academia, private_sector, multilateral",
);
const ILLUSTRATIVE: Field = f(
    "is_illustrative",
    B,
    "Contenido ilustrativo de demostración (no publicado por la fuente)",
    "Illustrative demonstration content (not published by the source)",
);
const CREATED_AT: Field = f(
    "created_at",
    T,
    "Registrado (ISO 8601, UTC)",
    "Recorded (ISO 8601, UTC)",
);
const UPDATED_AT: Field = f(
    "updated_at",
    T,
    "Última modificación (ISO 8601, UTC)",
    "Last changed (ISO 8601, UTC)",
);

/// Every table of the download, in the order of the data package.
pub const RESOURCES: &[Resource] = &[
    Resource {
        name: "governments",
        es: "Gobiernos (nacionales o locales) miembros de OGP",
        en: "Governments (national or local) taking part in OGP",
        fields: &[
            ID,
            f("name", S, "Nombre", "Name"),
            f(
                "slug",
                S,
                "Nombre corto en las direcciones",
                "Short name in addresses",
            ),
            f("kind", S, "Tipo: national, local", "Kind: national, local"),
            f(
                "country_code",
                S,
                "País (ISO 3166-1 alfa-2)",
                "Country (ISO 3166-1 alpha-2)",
            ),
        ],
    },
    Resource {
        name: "institutions",
        es: "Instituciones públicas y organizaciones",
        en: "Public institutions and organisations",
        fields: &[
            ID,
            f(
                "government_id",
                S,
                "Gobierno (governments.id)",
                "Government (governments.id)",
            ),
            f("name", S, "Nombre", "Name"),
            f("acronym", S, "Siglas", "Acronym"),
            f(
                "slug",
                S,
                "Nombre corto en las direcciones",
                "Short name in addresses",
            ),
            SECTOR,
            f("website", S, "Sitio web", "Website"),
        ],
    },
    Resource {
        name: "plans",
        es: "Planes de acción publicados (no borradores)",
        en: "Published action plans (drafts excluded)",
        fields: &[
            ID,
            f(
                "government_id",
                S,
                "Gobierno (governments.id)",
                "Government (governments.id)",
            ),
            f("title", S, "Título", "Title"),
            f(
                "slug",
                S,
                "Nombre corto en las direcciones",
                "Short name in addresses",
            ),
            f(
                "ogp_label",
                S,
                "Nombre del plan en OGP",
                "The plan's name at OGP",
            ),
            f(
                "period_start",
                D,
                "Inicio del periodo",
                "Start of the period",
            ),
            f("period_end", D, "Fin del periodo", "End of the period"),
            f(
                "phase",
                S,
                "Fase: co_creation, implementation, closed",
                "Phase: co_creation, implementation, closed",
            ),
            f(
                "cocreation_opens",
                T,
                "Apertura de la cocreación",
                "Co-creation opens",
            ),
            f(
                "cocreation_closes",
                T,
                "Cierre de la cocreación",
                "Co-creation closes",
            ),
            f("summary", S, "Resumen", "Summary"),
            f("is_demo", B, "Datos de demostración", "Demonstration data"),
            f(
                "sources",
                S,
                "Fuentes (direcciones separadas por ';')",
                "Sources (addresses separated by ';')",
            ),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Resource {
        name: "commitments",
        es: "Compromisos (plantilla de compromiso de OGP)",
        en: "Commitments (OGP commitment template)",
        fields: &[
            ID,
            PLAN_ID,
            f("code", S, "Número en el plan", "Number in the plan"),
            f(
                "ogp_id",
                S,
                "Identificador OGP (p. ej. EC0003)",
                "OGP id (e.g. EC0003)",
            ),
            f("title", S, "Título", "Title"),
            f("title_en", S, "Título en inglés", "Title in English"),
            f(
                "slug",
                S,
                "Nombre corto en las direcciones",
                "Short name in addresses",
            ),
            f("problem", S, "Problema", "Problem"),
            f("causes", S, "Causas", "Causes"),
            f("status_quo", S, "Situación actual", "Status quo"),
            f("objective", S, "Objetivo", "Objective"),
            f("description", S, "Descripción", "Description"),
            f(
                "advances_transparency",
                S,
                "Cómo avanza la transparencia",
                "How it advances transparency",
            ),
            f(
                "advances_accountability",
                S,
                "Cómo avanza la rendición de cuentas",
                "How it advances accountability",
            ),
            f(
                "advances_participation",
                S,
                "Cómo avanza la participación",
                "How it advances participation",
            ),
            f(
                "ogp_values",
                S,
                "Valores OGP separados por ';'",
                "OGP values separated by ';'",
            ),
            f(
                "policy_areas",
                S,
                "Áreas de política separadas por ';'",
                "Policy areas separated by ';'",
            ),
            f("sdgs", S, "ODS separados por ';'", "SDGs separated by ';'"),
            f("start_date", D, "Inicio", "Start"),
            f("end_date", D, "Fin", "End"),
            f(
                "state",
                S,
                "Estado: draft, consultation, approved, withdrawn",
                "State: draft, consultation, approved, withdrawn",
            ),
            f("contact", S, "Contacto publicado", "Published contact"),
            ILLUSTRATIVE,
            f("source", S, "Fuentes", "Sources"),
            f("approved_at", T, "Aprobado", "Approved"),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Resource {
        name: "commitment_actors",
        es: "Actores responsables de cada compromiso",
        en: "Actors responsible for each commitment",
        fields: &[
            ID,
            COMMITMENT_ID,
            INSTITUTION_ID,
            f(
                "role",
                S,
                "Papel: lead, civil_society_co_lead, supporting",
                "Role: lead, civil_society_co_lead, supporting",
            ),
            f("position", I, "Orden", "Order"),
        ],
    },
    Resource {
        name: "milestones",
        es: "Hitos de cada compromiso, con fechas de línea base y actuales",
        en: "Milestones of each commitment, with baseline and current dates",
        fields: &[
            ID,
            COMMITMENT_ID,
            f("position", I, "Orden", "Order"),
            f("title", S, "Título", "Title"),
            f("expected_output", S, "Producto esperado", "Expected output"),
            f(
                "responsible_institution_id",
                S,
                "Institución responsable (institutions.id)",
                "Responsible institution (institutions.id)",
            ),
            f("weight", I, "Peso (1–100)", "Weight (1–100)"),
            f(
                "baseline_start",
                D,
                "Inicio de línea base",
                "Baseline start",
            ),
            f(
                "baseline_due",
                D,
                "Entrega de línea base",
                "Baseline due date",
            ),
            f("current_start", D, "Inicio vigente", "Current start"),
            f("current_due", D, "Entrega vigente", "Current due date"),
            ILLUSTRATIVE,
            f(
                "current_progress",
                I,
                "Avance reportado por la institución (%): último reporte no devuelto, pendiente o impugnado incluido",
                "Progress reported by the institution (%): latest report not returned, pending or contested included",
            ),
            f(
                "current_status",
                S,
                "Estado reportado: not_started, in_progress, completed, delayed, cancelled",
                "Reported status: not_started, in_progress, completed, delayed, cancelled",
            ),
            f("last_update_at", T, "Último reporte", "Latest report"),
            f(
                "claim_review",
                S,
                "Revisión del último reporte: pending, validated, contested",
                "Review of the latest report: pending, validated, contested",
            ),
            f(
                "validated_progress",
                I,
                "Avance validado por el foro (%): último reporte validado",
                "Progress validated by the forum (%): latest validated report",
            ),
            f(
                "validated_status",
                S,
                "Estado validado: not_started, in_progress, completed, delayed, cancelled",
                "Validated status: not_started, in_progress, completed, delayed, cancelled",
            ),
            f(
                "validated_update_at",
                T,
                "Último reporte validado",
                "Latest validated report",
            ),
            UPDATED_AT,
        ],
    },
    Resource {
        name: "milestone_replans",
        es: "Cambios de fechas de los hitos, con su motivo",
        en: "Changes of milestone dates, with their reason",
        fields: &[
            ID,
            MILESTONE_ID,
            f("old_start", D, "Inicio anterior", "Previous start"),
            f("old_due", D, "Entrega anterior", "Previous due date"),
            f("new_start", D, "Nuevo inicio", "New start"),
            f("new_due", D, "Nueva entrega", "New due date"),
            f("reason", S, "Motivo", "Reason"),
            f(
                "state",
                S,
                "Estado: requested, approved, rejected",
                "State: requested, approved, rejected",
            ),
            f("requested_at", T, "Solicitado", "Requested"),
            f("decided_at", T, "Decidido", "Decided"),
            f("decision_note", S, "Nota de la decisión", "Decision note"),
        ],
    },
    Resource {
        name: "progress_updates",
        es: "Reportes de avance (solo se agregan) con su estado de revisión",
        en: "Progress reports (append-only) with their review state",
        fields: &[
            ID,
            MILESTONE_ID,
            f(
                "author_name",
                S,
                "Autor, como se mostró",
                "Author, as shown",
            ),
            f("reported_at", T, "Reportado", "Reported"),
            f("progress", I, "Avance (0–100)", "Progress (0–100)"),
            f(
                "status",
                S,
                "Estado: not_started, in_progress, completed, delayed, cancelled",
                "Status: not_started, in_progress, completed, delayed, cancelled",
            ),
            f("narrative", S, "Relato", "Narrative"),
            ILLUSTRATIVE,
            f(
                "review_state",
                S,
                "Revisión: pending, validated, returned, contested",
                "Review: pending, validated, returned, contested",
            ),
            f("reviewed_at", T, "Revisado", "Reviewed"),
            f(
                "review_note",
                S,
                "Nota pública de revisión (vacía para reportes devueltos)",
                "Public review note (empty for returned reports)",
            ),
            f(
                "counterpart_fulfilled",
                S,
                "¿La contraparte cumplió sus responsabilidades?: yes, partly, no (vacío: sin responder)",
                "Did the counterpart fulfil its responsibilities: yes, partly, no (empty: not answered)",
            ),
            f(
                "counterpart_fulfilment_note",
                S,
                "Justificación del cumplimiento parcial o del incumplimiento",
                "Why the counterpart fulfilled them partly or not at all",
            ),
            f(
                "activities_with_others",
                I,
                "Actividades con otros actores desde el reporte anterior",
                "Activities with other actors since the previous report",
            ),
            f(
                "participants",
                I,
                "Personas que participaron desde el reporte anterior",
                "People who took part since the previous report",
            ),
            f(
                "participant_sectors",
                S,
                "Sectores de las personas participantes, separados por ;",
                "Sectors of the people who took part, separated by ;",
            ),
            f("challenges", S, "Desafíos", "Challenges"),
            f("next_steps", S, "Próximos pasos", "Next steps"),
            f(
                "actual_start",
                D,
                "Fecha real de inicio",
                "Actual start date",
            ),
            f(
                "actual_completion",
                D,
                "Fecha real de finalización",
                "Actual completion date",
            ),
        ],
    },
    Resource {
        name: "counterpart_reports",
        es: "Reportes de las contrapartes de sociedad civil sobre los hitos",
        en: "The civil-society counterparts' reports on milestones",
        fields: &[
            ID,
            MILESTONE_ID,
            INSTITUTION_ID,
            f("author_name", S, "Autor", "Author"),
            f(
                "reported_at",
                T,
                "Reportado (ISO 8601, UTC)",
                "Reported (ISO 8601, UTC)",
            ),
            f(
                "completion",
                S,
                "Cumplimiento (escala del MRI): no_evidence, not_started, limited, substantial, complete, withdrawn",
                "Completion (IRM scale): no_evidence, not_started, limited, substantial, complete, withdrawn",
            ),
            f(
                "institution_fulfilled",
                S,
                "¿La institución cumplió sus responsabilidades?: yes, partly, no",
                "Did the institution fulfil its responsibilities: yes, partly, no",
            ),
            f(
                "fulfilment_note",
                S,
                "Por qué en parte o no",
                "Why partly or not at all",
            ),
            f(
                "perceived_change",
                S,
                "Cambio percibido (realidad inicial y posterior)",
                "Perceived change (situation before and after)",
            ),
            f(
                "endorses",
                B,
                "La contraparte respalda el avance reportado",
                "The counterpart endorses the progress reported",
            ),
        ],
    },
    Resource {
        name: "evidence",
        es: "Evidencias: enlaces y metadatos de archivos (no los archivos)",
        en: "Evidence: links and file metadata (not the files)",
        fields: &[
            ID,
            f(
                "update_id",
                S,
                "Reporte de avance (progress_updates.id)",
                "Progress report (progress_updates.id)",
            ),
            f(
                "counterpart_report_id",
                S,
                "Reporte de la contraparte (counterpart_reports.id)",
                "Counterpart's report (counterpart_reports.id)",
            ),
            f(
                "session_id",
                S,
                "Mesa de trabajo (working_sessions.id)",
                "Working session (working_sessions.id)",
            ),
            COMMITMENT_ID,
            f("kind", S, "Tipo: link, file", "Kind: link, file"),
            f(
                "evidence_type",
                S,
                "Clase: document, dataset, legal_act, photo, minutes, web_page",
                "Type: document, dataset, legal_act, photo, minutes, web_page",
            ),
            f("title", S, "Título", "Title"),
            f("url", S, "Enlace (tipo link)", "Link (kind link)"),
            f("source", S, "Fuente", "Source"),
            f("evidence_date", D, "Fecha", "Date"),
            f(
                "date_label",
                S,
                "Fecha como la da la fuente",
                "Date as the source gives it",
            ),
            f("file_name", S, "Nombre del archivo", "File name"),
            f("media_type", S, "Tipo de contenido", "Media type"),
            f("size_bytes", I, "Tamaño en bytes", "Size in bytes"),
            f("sha256", S, "SHA-256 del archivo", "SHA-256 of the file"),
            f("file_url", S, "Descarga del archivo", "File download"),
            CREATED_AT,
        ],
    },
    Resource {
        name: "assessments",
        es: "Evaluaciones (alineadas con el Mecanismo de Revisión Independiente)",
        en: "Assessments (aligned with the Independent Reporting Mechanism)",
        fields: &[
            ID,
            COMMITMENT_ID,
            f("period_label", S, "Periodo evaluado", "Period assessed"),
            f("as_of", D, "Fecha de corte", "As of"),
            f("verifiable", B, "Verificable", "Verifiable"),
            f("specificity", S, "Especificidad", "Specificity"),
            f(
                "relevance",
                S,
                "Valores OGP relevantes separados por ';'",
                "Relevant OGP values separated by ';'",
            ),
            f(
                "potential_impact",
                S,
                "Impacto potencial",
                "Potential impact",
            ),
            f("completion", S, "Cumplimiento", "Completion"),
            f("early_results", S, "Resultados tempranos", "Early results"),
            f("starred", B, "Compromiso estelar", "Starred commitment"),
            f("narrative", S, "Relato", "Narrative"),
            f(
                "source",
                S,
                "Origen: forum, irm_import, irm",
                "Source: forum, irm_import, irm",
            ),
            f(
                "source_label",
                S,
                "Calificación como se publicó",
                "Rating as published",
            ),
            CREATED_AT,
        ],
    },
    Resource {
        name: "round_assessments",
        es: "Evaluaciones del foro por compromiso en cada ronda de reporte",
        en: "The forum's assessment of each commitment in each reporting round",
        fields: &[
            ID,
            COMMITMENT_ID,
            f("round_id", S, "Ronda de reporte", "Reporting round"),
            f("round_label", S, "Nombre de la ronda", "Round name"),
            f("round_opens_on", D, "La ronda abre", "The round opens"),
            f("round_closes_on", D, "La ronda cierra", "The round closes"),
            f("author_name", S, "Autor", "Author"),
            f(
                "assessed_at",
                T,
                "Evaluado (ISO 8601, UTC)",
                "Assessed (ISO 8601, UTC)",
            ),
            f(
                "completion",
                S,
                "Cumplimiento (escala del MRI): no_evidence, not_started, limited, substantial, complete, withdrawn",
                "Completion (IRM scale): no_evidence, not_started, limited, substantial, complete, withdrawn",
            ),
            f("narrative", S, "Relato", "Narrative"),
            f(
                "communication",
                S,
                "¿Se cumplió la estrategia de comunicación cocreada?: yes, partly, no",
                "Was the co-created communication strategy carried out: yes, partly, no",
            ),
            f(
                "communication_note",
                S,
                "Por qué en parte o no",
                "Why partly or not at all",
            ),
        ],
    },
    Resource {
        name: "indicators",
        es: "Indicadores de resultado de los compromisos: línea de base y meta",
        en: "The commitments' outcome indicators: baseline and target",
        fields: &[
            ID,
            COMMITMENT_ID,
            MILESTONE_ID,
            f("name", S, "Nombre", "Name"),
            f("unit", S, "Unidad", "Unit"),
            f(
                "direction",
                S,
                "Mejor si: increase (aumenta), decrease (disminuye)",
                "Better when: increase, decrease",
            ),
            f(
                "baseline_value",
                N,
                "Línea de base: valor",
                "Baseline value",
            ),
            f("baseline_date", D, "Línea de base: fecha", "Baseline date"),
            f(
                "baseline_source",
                S,
                "Línea de base: fuente",
                "Baseline source",
            ),
            f("target_value", N, "Meta: valor", "Target value"),
            f("target_date", D, "Meta: fecha", "Target date"),
            CREATED_AT,
        ],
    },
    Resource {
        name: "indicator_measurements",
        es: "Mediciones de los indicadores, con su revisión por el foro",
        en: "The indicators' measurements, with the forum's review",
        fields: &[
            ID,
            f(
                "indicator_id",
                S,
                "Indicador (indicators.id)",
                "Indicator (indicators.id)",
            ),
            f("value", N, "Valor medido", "Value measured"),
            f("measured_on", D, "Fecha de la medición", "Date measured"),
            f("source", S, "Fuente", "Source"),
            f("evidence_url", S, "Enlace a la evidencia", "Evidence link"),
            f(
                "disaggregation",
                S,
                "Desagregación: 'grupo: valor' separados por ';'",
                "Disaggregation: 'group: value' separated by ';'",
            ),
            f("author_name", S, "Registrada por", "Recorded by"),
            f(
                "recorded_at",
                T,
                "Registrada (ISO 8601, UTC)",
                "Recorded (ISO 8601, UTC)",
            ),
            f(
                "review_state",
                S,
                "Revisión: pending, validated, returned (solo validated cuenta)",
                "Review: pending, validated, returned (only validated counts)",
            ),
            f(
                "reviewed_at",
                T,
                "Revisada (ISO 8601, UTC)",
                "Reviewed (ISO 8601, UTC)",
            ),
        ],
    },
    Resource {
        name: "proposals",
        es: "Propuestas de la cocreación con la respuesta razonada del foro",
        en: "Co-creation proposals with the forum's reasoned response",
        fields: &[
            ID,
            PLAN_ID,
            f("title", S, "Título", "Title"),
            f("problem", S, "Problema", "Problem"),
            f("proposal", S, "Propuesta", "Proposal"),
            f("theme", S, "Tema", "Theme"),
            INSTITUTION_ID,
            f(
                "state",
                S,
                "Estado: submitted, under_review, accepted, merged, not_accepted",
                "State: submitted, under_review, accepted, merged, not_accepted",
            ),
            f("response", S, "Respuesta del foro", "The forum's response"),
            f("responded_at", T, "Respondida", "Responded"),
            COMMITMENT_ID,
            f("supports", I, "Apoyos", "Supports"),
            CREATED_AT,
            UPDATED_AT,
        ],
    },
    Resource {
        name: "working_sessions",
        es: "Mesas de trabajo de la cocreación",
        en: "Co-creation working sessions",
        fields: &[
            ID,
            PLAN_ID,
            f("held_on", D, "Fecha", "Date"),
            f("place", S, "Lugar", "Place"),
            f("online", B, "En línea", "Online"),
            f(
                "sectors",
                S,
                "Sectores separados por ';'",
                "Sectors separated by ';'",
            ),
            f("participants", I, "Participantes", "Participants"),
            f("summary", S, "Resumen o acta", "Summary or minutes"),
        ],
    },
    Resource {
        name: "forum_members",
        es: "Miembros del foro multiactor (Grupo Núcleo) de cada plan",
        en: "Members of each plan's multi-stakeholder forum (Grupo Núcleo)",
        fields: &[
            ID,
            PLAN_ID,
            INSTITUTION_ID,
            f(
                "institution_name",
                S,
                "Institución como se publicó",
                "Institution as published",
            ),
            f("representative", S, "Representante", "Representative"),
            SECTOR,
            f(
                "forum_role",
                S,
                "Papel: chair, co_chair, member, observer",
                "Role: chair, co_chair, member, observer",
            ),
            f("term_start", D, "Inicio del periodo", "Term start"),
            f("term_end", D, "Fin del periodo", "Term end"),
            f("source", S, "Fuente", "Source"),
            f("position", I, "Orden", "Order"),
        ],
    },
    Resource {
        name: "forum_meetings",
        es: "Reuniones del foro multiactor",
        en: "Meetings of the multi-stakeholder forum",
        fields: &[
            ID,
            PLAN_ID,
            f("held_on", D, "Fecha", "Date"),
            f("attendance", I, "Miembros presentes", "Members present"),
            f("quorum_met", B, "Hubo quórum", "Quorum met"),
            f("minutes", S, "Acta", "Minutes"),
            f("decisions", S, "Decisiones", "Decisions"),
        ],
    },
];

/// Items per page of the JSON API when none is asked for.
pub const DEFAULT_LIMIT: u32 = 50;
/// The most items one page of the JSON API returns.
pub const MAX_LIMIT: u32 = 200;

/// One page of a list: how many items and how many to skip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    pub limit: u32,
    pub offset: u32,
}

/// Why a paging parameter was refused: the message key to show.
pub const BAD_LIMIT: &str = "api-bad-limit";
pub const BAD_OFFSET: &str = "api-bad-offset";

impl Paging {
    /// Parses `limit` (1..=MAX_LIMIT, default DEFAULT_LIMIT) and `offset` (0 or more).
    pub fn parse(limit: Option<&str>, offset: Option<&str>) -> Result<Self, &'static str> {
        let limit = match limit.map(str::trim) {
            None | Some("") => DEFAULT_LIMIT,
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|l| (1..=MAX_LIMIT).contains(l))
                .ok_or(BAD_LIMIT)?,
        };
        let offset = match offset.map(str::trim) {
            None | Some("") => 0,
            Some(v) => v.parse::<u32>().map_err(|_| BAD_OFFSET)?,
        };
        Ok(Self { limit, offset })
    }
}

/// A page of a list people read (search results): 1 when absent, refused when not a number
/// from 1 to `last`.
pub fn page_number(raw: Option<&str>, last: u32) -> Result<u32, &'static str> {
    match raw.map(str::trim) {
        None | Some("") => Ok(1),
        Some(v) => v
            .parse::<u32>()
            .ok()
            .filter(|p| (1..=last).contains(p))
            .ok_or("error-bad-page"),
    }
}

/// The last page there is for `total` rows, `per_page` a page (1 for none).
pub fn last_page(total: i64, per_page: u32) -> u32 {
    let pages = (total.max(0) as u64).div_ceil(u64::from(per_page.max(1)));
    u32::try_from(pages.max(1)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_list_has_one_page() {
        assert_eq!(last_page(0, 20), 1);
        assert_eq!(last_page(20, 20), 1);
        assert_eq!(last_page(21, 20), 2);
        assert_eq!(last_page(206, 20), 11);
    }

    #[test]
    fn a_page_number_is_one_to_the_last() {
        assert_eq!(page_number(None, 50), Ok(1));
        assert_eq!(page_number(Some(" "), 50), Ok(1));
        assert_eq!(page_number(Some("3"), 50), Ok(3));
        for bad in ["0", "51", "-1", "2.5", "x", "99999999999"] {
            assert_eq!(page_number(Some(bad), 50), Err("error-bad-page"), "{bad}");
        }
    }

    #[test]
    fn paging_defaults_and_limits() {
        assert_eq!(
            Paging::parse(None, None),
            Ok(Paging {
                limit: DEFAULT_LIMIT,
                offset: 0
            })
        );
        assert_eq!(
            Paging::parse(Some("200"), Some("10")),
            Ok(Paging {
                limit: 200,
                offset: 10
            })
        );
        for bad in ["0", "201", "-1", "ten", "1.5"] {
            assert_eq!(Paging::parse(Some(bad), None), Err(BAD_LIMIT), "{bad}");
        }
        assert_eq!(Paging::parse(None, Some("-3")), Err(BAD_OFFSET));
    }

    #[test]
    fn id_columns_reference_published_tables() {
        assert_eq!(referenced_resource("plan_id"), Some("plans"));
        assert_eq!(
            referenced_resource("responsible_institution_id"),
            Some("institutions")
        );
        assert_eq!(referenced_resource("id"), None);
        assert_eq!(referenced_resource("author_id"), None);
        for r in RESOURCES {
            for field in r.fields {
                if let Some(table) = referenced_resource(field.name) {
                    assert!(RESOURCES.iter().any(|t| t.name == table), "{table}");
                }
            }
        }
    }

    #[test]
    fn every_resource_has_a_unique_name_an_id_first_and_unique_fields() {
        let mut names: Vec<_> = RESOURCES.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RESOURCES.len());
        for r in RESOURCES {
            assert_eq!(r.fields[0].name, "id", "{}", r.name);
            let mut fields = r.header();
            fields.sort_unstable();
            fields.dedup();
            assert_eq!(fields.len(), r.fields.len(), "{}", r.name);
        }
    }

    #[test]
    fn no_resource_carries_private_columns() {
        for r in RESOURCES {
            for field in r.fields {
                assert!(
                    !["email", "password_hash", "author_id", "storage_key"].contains(&field.name),
                    "{}.{}",
                    r.name,
                    field.name
                );
            }
        }
    }
}
