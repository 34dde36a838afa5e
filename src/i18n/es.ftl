# Abierto message catalogue. Keys are kept in step with the other language by a test.

skip-to-content = Saltar al contenido
nav-label = Navegación principal
nav-plans = Planes de acción
nav-search = Buscar
switch-language = English
footer-about = Abierto: seguimiento público de los planes de acción de la Alianza para el Gobierno Abierto, desde la cocreación hasta el último hito. Datos publicados bajo licencia abierta.
breadcrumbs = Ruta de navegación
home-title = Inicio
home-heading = Planes de acción de Gobierno Abierto
home-intro = Consulte cada compromiso, hito y reporte de avance, con su evidencia y su validación por el Grupo Núcleo. No necesita una cuenta.
home-active-plans = Planes en curso
home-no-active-plans = No hay planes en cocreación ni en implementación en este momento.
home-earlier-plans = Planes anteriores
plans-none = Todavía no hay planes publicados.
government-plans = Planes de acción
government-no-plans = Este gobierno todavía no tiene planes publicados.
government-forums = El foro multiactor de cada plan:
government-institutions = Instituciones
government-no-institutions = Todavía no hay instituciones registradas de este gobierno.
plans-filters = Filtrar planes
plans-filter-country = País
plans-filter-kind = Nacional o local
plans-filter-phase = Fase
plans-filter-year = Año que abarca
plans-filter-invalid = Ese filtro no corresponde a ningún valor de la lista (país de dos letras, nacional o local, una fase publicada, un año desde 2011).
plans-showing = Planes { $first }–{ $last } de { $total }
plans-none-match = Ningún plan publicado cumple esos filtros.
plans-pages = Páginas de planes
plan-commitment-count =
    { $count ->
        [one] 1 compromiso
       *[other] { $count } compromisos
    }
milestone-count =
    { $count ->
        [one] 1 hito
       *[other] { $count } hitos
    }
demo-notice-title = Datos de demostración.
demo-notice = Los planes, compromisos, instituciones y el Grupo Núcleo provienen de fuentes públicas citadas en cada página; los hitos y reportes marcados como ilustrativos son ejemplos inventados para mostrar el funcionamiento.
illustrative-notice = Este compromiso es real, pero sus hitos o reportes de avance marcados como ilustrativos son ejemplos inventados: las fuentes públicas no publican ese detalle.
illustrative-milestone = Hito ilustrativo (no proviene de una fuente).
illustrative = ilustrativo
plan-phase = Fase
plan-overall-progress = Avance general
plan-health-summary = Resumen del estado de los compromisos
plan-commitments = Compromisos
plan-no-commitments = Ningún compromiso coincide con los filtros.
plan-reports = Informes de seguimiento
plan-live-report = Informe de seguimiento a la fecha (HTML, PDF, XLSX, CSV, JSON; cualquier fecha de corte)
forum-link = Grupo Núcleo (foro multiactor) de este plan
filters = Filtrar compromisos
filter-institution = Institución
filter-value = Valor OGP
filter-health = Estado
filter-all = Todos
filter-apply = Filtrar
filter-clear = Quitar filtros
filter-showing = Se muestran { $count } compromisos.
ogp-values = Valores OGP
progress = Avance
progress-actual = Avance: { $value } %
progress-expected = esperado a la fecha: { $value } %
progress-validated = Validado: { $value } %
progress-claim-pending = { $value } % reportado por la institución, pendiente de validación
progress-claim-contested = { $value } % reportado por la institución, impugnado
commitment = Compromiso
commitment-progress = Avance del compromiso
how-computed = ¿Cómo se calcula este porcentaje?
how-computed-text = Cada hito tiene dos cifras. El avance validado es el del último reporte que el Grupo Núcleo validó; el avance reportado es el del último reporte de la institución que no fue devuelto, pendiente de validación o impugnado incluido. En la barra, lo validado se muestra sólido y lo reportado que aún no está validado, rayado (en rojo si fue impugnado). El avance del compromiso es el promedio de sus hitos ponderado por su peso, para cada cifra; los hitos cancelados no cuentan. La marca vertical es el avance esperado a la fecha, que crece de forma lineal entre la fecha de inicio y la de entrega de cada hito. El estado de salud se calcula con la cifra que encabeza el plan, según lo decide el Grupo Núcleo: con el avance validado cuando el plan muestra ambas cifras lado a lado (lo habitual) o encabeza con la validada, y con el avance reportado solo si el plan encabeza con la reportada. Un compromiso está en riesgo cuando va más de 15 puntos por detrás de lo esperado, y un hito solo está completado cuando su reporte completo fue validado.
progress-reported-column = Reportado
progress-validated-column = Validado
result-progress-reported = avance reportado: { $value } %
result-progress-validated = Avance validado: { $value } %
headline-validated = Validado por el Grupo Núcleo
headline-reported = Reportado por las instituciones
headline-reported-pending = incluye reportes pendientes de validación
headline-reported-contested = incluye reportes impugnados
headline-health-validated = El estado de salud de los compromisos se calcula con el avance validado.
headline-health-reported = El estado de salud de los compromisos se calcula con el avance reportado, como lo decidió el Grupo Núcleo.
how-computed-plan-both = El plan tiene dos cifras. El avance validado es el promedio simple de sus compromisos no retirados, con lo que el Grupo Núcleo validó; el avance reportado es el mismo promedio con lo que reportaron las instituciones, reportes pendientes de validación e impugnados incluidos (los devueltos no cuentan). El Grupo Núcleo decidió mostrar ambas lado a lado; el estado de salud se calcula con el avance validado.
how-computed-plan-validated = El plan tiene dos cifras. El avance validado es el promedio simple de sus compromisos no retirados, con lo que el Grupo Núcleo validó; el avance reportado es el mismo promedio con lo que reportaron las instituciones, reportes pendientes de validación e impugnados incluidos (los devueltos no cuentan). El Grupo Núcleo decidió encabezar con el avance validado, y con él se calcula el estado de salud.
how-computed-plan-reported = El plan tiene dos cifras. El avance validado es el promedio simple de sus compromisos no retirados, con lo que el Grupo Núcleo validó; el avance reportado es el mismo promedio con lo que reportaron las instituciones, reportes pendientes de validación e impugnados incluidos (los devueltos no cuentan). El Grupo Núcleo decidió encabezar con el avance reportado, y con él se calcula el estado de salud; el validado se muestra a su lado.
headline-figure-title = Cifra principal del plan
headline-figure-legend = ¿Qué cifra encabeza la página pública del plan?
headline-figure-hint = Las dos cifras se muestran siempre, cada una con su nombre. La que encabeza va primero y con ella se calcula el estado de salud de los compromisos; con ambas lado a lado, la salud se calcula con el avance validado.
headline-figure-both = Ambas cifras lado a lado (validada y reportada)
headline-figure-validated = El avance validado por el Grupo Núcleo
headline-figure-reported = El avance reportado por las instituciones
headline-figure-save = Guardar la cifra principal
headline-figure-unknown = Esa opción de cifra principal no existe: elija ambas, la validada o la reportada.
flash-headline-saved = Cifra principal del plan guardada.
result-expected = avance esperado: { $value } %
milestone = Hito
milestones = Hitos
weight = Peso
counted = ¿Cuenta?
yes = Sí
no = No
actors = Instituciones responsables y contrapartes
institution = Institución
role = Rol
sector = Sector
no-milestones = Este compromiso todavía no tiene hitos.
expected-output = Producto entregable
responsible = Institución responsable
responsible-unknown = No consta en las fuentes
baseline-dates = Fechas de línea de base
current-dates = Fechas vigentes
slipped-days =
    { $days ->
        [one] 1 día de retraso
       *[other] { $days } días de retraso
    }
history = Historial de avances
no-history = Todavía no hay reportes de avance.
reported-progress = Avance reportado: { $value } %
review-note = Nota de revisión
reported-by = Reportado por
commitment-template = Ficha del compromiso
field-problem = Problema que aborda
field-causes = Causas
field-status-quo = Situación actual
field-objective = Compromiso y objetivo
field-description = Descripción de la solución
field-transparency = Cómo avanza la transparencia
field-accountability = Cómo avanza la rendición de cuentas
field-participation = Cómo avanza la participación ciudadana
field-contact = Contacto
field-not-in-sources = No consta en las fuentes consultadas.
policy-areas = Áreas de política (OGP)
assessments = Evaluaciones
no-assessments = Todavía no hay evaluaciones.
assessment-period = Periodo
verifiable = Verificable
relevance = Relevancia a valores OGP
potential-impact = Impacto potencial
early-results = Resultados tempranos
as-published = Calificación publicada
public-evidence = Evidencia pública fechada
sources = Fuentes
forum-title = Grupo Núcleo
forum-intro = El Grupo Núcleo es el foro multiactor de gobierno, academia y sociedad civil que cocrea el plan, acompaña su implementación y monitorea sus resultados.
forum-member-count =
    { $count ->
        [one] 1 integrante
       *[other] { $count } integrantes
    }
forum-none = La composición del foro no está publicada para este plan.
representative = Representante
forum-role = Rol en el foro
term = Periodo
term-as-published = Según la composición publicada en el plan
institution-commitments = Compromisos en los que participa
institution-no-commitments = No participa en compromisos publicados.
institution-milestones = Hitos a su cargo
institution-no-milestones = No tiene hitos a su cargo.
due = Entrega
search-label = Buscar en compromisos, hitos, reportes e instituciones
search-button = Buscar
search-results =
    { $count ->
        [0] Sin resultados
        [one] 1 resultado
       *[other] { $count } resultados
    }
search-kind-commitment = compromiso
search-kind-milestone = hito
search-kind-update = reporte de avance
search-kind-institution = institución
search-range = Resultados { $first }–{ $last } de { $total }
search-filters = Filtrar la búsqueda
search-filter-type = Tipo
search-filter-government = Gobierno
search-in-plan = Solo en el plan «{ $plan }»
search-whole-record = buscar en todos los planes
search-in-this-plan = Buscar en este plan
error-search-filter = Ese filtro de búsqueda no existe: elija el tipo y el gobierno de las listas.
search-pages = Páginas de resultados
search-previous = ← Anteriores
search-next = Siguientes →
date-unknown = sin fecha
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
error-not-found-title = Página no encontrada
error-server-title = Algo salió mal
error-request-title = No se pudo atender la solicitud
error-not-found = La dirección no corresponde a ninguna página publicada. Revise el enlace o vuelva al inicio.
error-unavailable = El servicio no está disponible en este momento. Inténtelo de nuevo en unos segundos.
error-internal = Ocurrió un error inesperado. Si persiste, comparta el identificador de la solicitud con el equipo de soporte.
error-bad-request = La solicitud no es válida.
error-method = Esta acción no está disponible en esta dirección.
error-too-large = El envío supera el tamaño máximo permitido.
error-timeout = La solicitud tardó demasiado. Inténtelo de nuevo.
error-bad-page = Esa página de resultados no existe.
error-search-too-long = La búsqueda es demasiado larga: use como máximo 200 caracteres.
error-request-id = Identificador de la solicitud:
error-back-home = Volver al inicio
password-too-short = La contraseña debe tener al menos 12 caracteres. Una frase de varias palabras es fácil de recordar y difícil de adivinar.
password-too-long = La contraseña puede tener como máximo 128 caracteres.
password-common = Esa contraseña es de las más usadas y se adivina con facilidad. Elija otra, por ejemplo una frase de varias palabras.
password-contains-personal-data = La contraseña no debe contener su correo electrónico ni ser su nombre.
password-repetitive = La contraseña no puede ser un mismo carácter repetido.
plan-phase-draft = Borrador
plan-phase-co-creation = Cocreación
plan-phase-implementation = Implementación
plan-phase-closed = Cerrado
commitment-state-draft = Borrador
commitment-state-consultation = En consulta pública
commitment-state-approved = Aprobado
commitment-state-withdrawn = Retirado
milestone-status-not-started = No iniciado
milestone-status-in-progress = En curso
milestone-status-completed = Completado
milestone-status-delayed = Retrasado
milestone-status-cancelled = Cancelado
milestone-status-claimed-pending = Reportado como completado, pendiente de validación
milestone-status-claimed-contested = Reportado como completado, impugnado
review-state-pending = Reportado, pendiente de validación
review-state-validated = Validado
review-state-returned = Devuelto
review-state-contested = Impugnado
health-completed = Completado
health-on-track = En curso según lo previsto
health-at-risk = En riesgo
health-overdue = Vencido
health-not-started = No iniciado
health-unmeasured = Sin hitos que medir
progress-unmeasured = Sin hitos que medir
irm-status = IRM: { $completion }
irm-status-early = IRM, resultados tempranos: { $early }
irm-status-both = IRM: { $completion } · resultados tempranos: { $early }
irm-summary = Compromisos sin hitos, según la evaluación de cumplimiento del IRM:
irm-completion-none = Sin evaluación de cumplimiento
health-cancelled = Cancelado
ogp-value-access-to-information = Acceso a la información
ogp-value-civic-participation = Participación cívica
ogp-value-public-accountability = Rendición de cuentas
ogp-value-technology-innovation = Tecnología e innovación para la transparencia y la rendición de cuentas
sector-government = Gobierno
sector-civil-society = Sociedad civil
sector-academia = Academia
sector-private-sector = Sector privado
sector-multilateral = Organismo multilateral
actor-role-lead = Institución líder
actor-role-civil-society-co-lead = Contraparte de sociedad civil
actor-role-supporting = Actor de apoyo
role-participant = Participante
role-official = Funcionario/a
role-counterpart = Contraparte de sociedad civil
fulfilment-yes = Sí
fulfilment-partly = En parte
fulfilment-no = No
role-nucleo = Grupo Núcleo
role-admin = Administración
evidence-type-document = Documento
evidence-type-dataset = Conjunto de datos
evidence-type-legal-act = Norma legal
evidence-type-photo = Fotografía
evidence-type-minutes = Acta
evidence-type-web-page = Página web
proposal-state-submitted = Recibida
proposal-state-under-review = En revisión
proposal-state-accepted = Aceptada
proposal-state-merged = Integrada en un compromiso
proposal-state-not-accepted = No aceptada
forum-role-chair = Presidencia
forum-role-co-chair = Copresidencia
forum-role-member = Integrante
forum-role-observer = Observador
impact-none = Ninguno
impact-minor = Menor
impact-moderate = Moderado
impact-transformative = Transformador
impact-unclear = Poco claro
impact-modest = Modesto
impact-substantial = Sustancial
completion-no-evidence = Sin evidencia disponible
completion-not-started = No iniciado
completion-limited = Limitado
completion-substantial = Sustancial
completion-complete = Completo
completion-withdrawn = Retirado
completion-unclear = Poco claro
early-results-worsened = Empeoró
early-results-did-not-change = No cambió
early-results-marginal = Marginales
early-results-major = Importantes
early-results-outstanding = Sobresalientes
early-results-no-notable = Sin resultados notables
early-results-moderate = Moderados
early-results-no-early-results = Aún sin resultados tempranos que informar
irm-absence-not-reviewed = No revisado
irm-absence-no-data = Sin datos
early-results-significant = Significativos
assessment-source-forum = Grupo Núcleo
assessment-source-irm-import = IRM, importado
assessment-source-irm = IRM

# Accounts and access
nav-login = Iniciar sesión
nav-logout = Cerrar sesión
nav-account = Mi cuenta
nav-user-menu = Sesión de { $name }
login-title = Iniciar sesión
login-submit = Ingresar
login-forgot = ¿Olvidó su contraseña?
field-email = Correo electrónico
field-password = Contraseña
login-too-many-from-address = Demasiados intentos fallidos desde esta conexión. Espere 15 minutos antes de volver a intentarlo.
login-refused = El correo o la contraseña no son correctos. Tras varios intentos fallidos, la cuenta queda bloqueada { $minutes } minutos: espere o restablezca su contraseña.
error-busy = En este momento se están verificando muchas contraseñas. Espere unos segundos y vuelva a intentarlo.
reset-too-many-from-address = Demasiadas solicitudes de restablecimiento desde esta conexión. Espere 15 minutos antes de volver a intentarlo.
account-password-changed-others-ended = Su contraseña se cambió. Se cerraron sus sesiones en otros dispositivos.
error-unauthorized-title = Necesita iniciar sesión
error-unauthorized = Esta acción requiere una cuenta. Inicie sesión y vuelva a intentarlo.
error-forbidden-title = Acción no permitida
error-role-needed = Rol necesario: { $roles }.
error-csrf = El formulario caducó o no proviene de este sitio. Vuelva a cargar la página e inténtelo de nuevo; no se guardó ningún cambio.
error-too-many = Demasiadas solicitudes. Espere unos minutos e inténtelo de nuevo.
policy-role-needed = Su cuenta no tiene el rol necesario para esta acción.
policy-other-institution = Solo puede actuar sobre hitos de su propia institución.
policy-not-co-lead = Su institución no es contraparte de sociedad civil de este compromiso.
policy-other-government = Esta cuenta actúa en los planes de su propio gobierno; este plan es de otro. Pida a una persona de ese foro o a la administración de la plataforma.
policy-platform-admin = Solo la administración de la plataforma agrega gobiernos; esta cuenta administra un gobierno.
policy-plan-not-in-implementation = El plan no está en fase de implementación: no se pueden reportar avances.
policy-window-closed = El periodo de cocreación de este plan está cerrado: ya no se reciben propuestas.
policy-comments-closed = Los comentarios están cerrados en esta fase del plan.

# Account, invitations, password resets
field-name = Nombre
account-change-password = Cambiar la contraseña
account-current-password = Contraseña actual
account-new-password = Nueva contraseña
account-current-wrong = La contraseña actual no es correcta.
account-password-changed = Su contraseña se cambió.
account-language = Idioma de la interfaz
account-save-language = Guardar idioma
password-hint = Al menos 12 caracteres; una frase de varias palabras es una buena contraseña.
invite-title = Invitar a una persona
invite-hint-forum = (funcionarios/as de las instituciones responsables, o miembros del Grupo Núcleo, para que tengan su propia cuenta)
invite-submit = Enviar invitación
invite-no-institution = Sin institución
invite-email-invalid = Escriba un correo electrónico válido.
invite-email-taken = Ya existe una cuenta con ese correo.
invite-name-required = Escriba el nombre de la persona (hasta 200 caracteres).
invite-institution-required = Un funcionario/a o una contraparte necesita una institución.
invite-sent = Invitación enviada a { $email }.
invite-link-shown = No hay servidor de correo configurado; comparta este enlace de un solo uso:
invite-mail-subject = Invitación a Abierto
invite-mail-body =
    Le invitaron a Abierto, el seguimiento del plan de acción de Gobierno Abierto.

    Elija su contraseña en este enlace (válido 14 días, un solo uso):
    { $link }
invitation-title = Aceptar la invitación
set-password-submit = Guardar contraseña
reset-title = Restablecer la contraseña
reset-submit = Enviar enlace
reset-sent = Si existe una cuenta con ese correo, le enviamos un enlace para elegir una nueva contraseña. El enlace vale 2 horas.
reset-mail-subject = Restablecer su contraseña de Abierto
reset-mail-body =
    Alguien pidió restablecer la contraseña de su cuenta de Abierto. Si fue usted, elija una nueva en este enlace (válido 2 horas, un solo uso):
    { $link }

    Si no lo pidió, ignore este mensaje.
token-invalid = El enlace no es válido: ya se usó o caducó. Pida uno nuevo.
# Administration
nav-admin = Administración
admin-nav-label = Secciones de administración
admin-users = Cuentas de usuario
admin-institutions = Instituciones
admin-governments = Gobiernos
admin-filter-users = Filtrar cuentas
admin-user-count =
    { $count ->
        [one] 1 cuenta
       *[other] { $count } cuentas
    }
admin-field-role = Rol
admin-field-display-name = Nombre
admin-field-institution = Institución
admin-field-active = Activa
admin-field-active-explained = Cuenta activa (puede iniciar sesión)
admin-field-last-login = Último ingreso
admin-field-name = Nombre
admin-field-acronym = Siglas
admin-field-sector = Sector
admin-field-website = Sitio web
admin-field-government = Gobierno
admin-field-public-page = Página pública
admin-field-kind = Tipo
admin-field-country-code = Código de país
admin-field-slug = Identificador en las direcciones
admin-country-code-hint = Dos letras según ISO 3166-1, por ejemplo EC.
admin-never = Nunca
admin-no-institution = Sin institución
admin-choose = Elija una opción
admin-save = Guardar
admin-saved = Los cambios se guardaron.
admin-form-has-errors = No se guardó nada: corrija los campos marcados.
admin-back-to-users = Volver a las cuentas
admin-back-to-institutions = Volver a las instituciones
admin-new-institution = Nueva institución
admin-no-institutions = Todavía no hay instituciones.
admin-housekeeping = Ordenar el directorio
admin-merge-link = Fusionar con otra institución (la misma institución registrada dos veces)
admin-split-link = Dividir en varias instituciones (una lista registrada como un solo nombre)
admin-back-to = Volver a { $name }
admin-merge = Fusionar
admin-merge-title = Fusionar «{ $name }» con otra institución
admin-merge-explained = Elija la institución que se queda: todo lo que nombra a esta pasa a ella y esta desaparece del directorio. Solo se ofrecen las instituciones del mismo gobierno.
admin-merge-into = Institución que se queda
admin-merge-preview = Ver qué se moverá
admin-merge-what = Al fusionar «{ $name }» con «{ $into }» pasan a «{ $into }»:
admin-merge-address = La dirección /institutions/{ $old } llevará a /institutions/{ $new }.
admin-merge-name-kept = Una nueva importación de OGP que traiga «{ $name }» enlazará la institución que se queda, sin volver a crearla.
admin-merge-no-undo = La fusión no se puede deshacer; queda en el registro de auditoría.
admin-merge-yes = Fusionar con «{ $into }»
admin-merged = Instituciones fusionadas.
admin-error-merge-target = Elija otra institución del mismo gobierno.
admin-refs-none = Nada la nombra todavía.
admin-refs-commitment-links =
    { $count ->
        [one] 1 participación en un compromiso
       *[other] { $count } participaciones en compromisos
    }
admin-refs-milestones =
    { $count ->
        [one] 1 hito a su cargo
       *[other] { $count } hitos a su cargo
    }
admin-refs-accounts =
    { $count ->
        [one] 1 cuenta
       *[other] { $count } cuentas
    }
admin-refs-forum-seats =
    { $count ->
        [one] 1 puesto en un foro
       *[other] { $count } puestos en foros
    }
admin-refs-proposals =
    { $count ->
        [one] 1 propuesta
       *[other] { $count } propuestas
    }
admin-refs-aliases =
    { $count ->
        [one] 1 nombre anterior ya fusionado
       *[other] { $count } nombres anteriores ya fusionados
    }
admin-split-title = Dividir
admin-split-heading = Dividir «{ $name }» en varias instituciones
admin-split-explained = La primera línea queda como nombre de esta institución (su dirección no cambia); cada otra línea se crea como institución del mismo gobierno y sector, que participa en los mismos compromisos con el mismo rol. Sus hitos, cuentas y puestos en el foro se quedan con la primera: revíselos después.
admin-split-refs = Esta institución tiene:
admin-split-names = Instituciones, una por línea
admin-split-names-hint = Propuesta tal como la importación de OGP separaría el nombre; corríjala antes de dividir. De 2 a 50 nombres distintos, de hasta 500 caracteres.
admin-split-yes = Dividir
admin-split = Institución dividida.
admin-error-split-few = Escriba al menos dos nombres, uno por línea.
admin-error-split-many = Una división crea como máximo 50 instituciones.
admin-error-split-too-long = Cada nombre tiene como máximo 500 caracteres.
admin-error-split-repeated = Hay nombres repetidos.
admin-error-split-exists = Ese gobierno ya tiene una institución con uno de esos nombres: fusiónela en lugar de crearla.
admin-filter-institutions = Buscar instituciones
admin-filter-invalid = Ese filtro no existe: elija una de las opciones de la lista.
admin-search-words = Buscar
admin-search-users-hint = Correo, nombre o institución; sin distinguir tildes ni mayúsculas.
admin-search-institutions-hint = Nombre o sigla; sin distinguir tildes ni mayúsculas.
admin-list-showing = { $first }–{ $last } de { $total }
admin-list-pages = Páginas de la lista
admin-none-match = Nada coincide con esa búsqueda.
admin-institution-count =
    { $count ->
        [one] 1 institución
       *[other] { $count } instituciones
    }
admin-field-commitments = Compromisos
admin-field-milestones = Hitos a cargo
admin-field-accounts = Cuentas
admin-new-government = Nuevo gobierno
admin-no-governments = Todavía no hay gobiernos.
admin-slug-explained = La dirección de la página pública se forma a partir del nombre.
admin-slug-kept = La dirección de la página pública no cambia al renombrar la institución, para que los enlaces publicados sigan funcionando.
government-kind-national = Nacional
government-kind-local = Local
admin-error-required = Este campo es obligatorio.
admin-error-too-long = Escriba como máximo { $max } caracteres.
admin-error-website = Escriba una dirección completa que empiece por https:// o http://.
admin-error-country-code = Escriba dos letras, por ejemplo EC.
admin-error-choose = Elija una de las opciones de la lista.
admin-error-official-needs-institution = Una cuenta de funcionario/a o de contraparte necesita una institución.
admin-error-cannot-demote-self = No puede quitarse a sí mismo el rol de administración.
admin-error-cannot-deactivate-self = No puede desactivar su propia cuenta.
admin-error-institution-exists = Ya existe una institución con este nombre o con la misma dirección de página.
admin-error-government-exists = Ya existe un gobierno con este nombre o con la misma dirección de página.
admin-error-name-needs-letters = El nombre necesita al menos una letra o un número.

# Implementation tracking
implementation-title = Implementación: hitos de mi institución
implementation-summary = Hitos por urgencia
implementation-none = Su institución no tiene hitos en planes en implementación.
urgency-overdue = Vencidos
urgency-due-soon = Vencen en 30 días
urgency-at-risk = En riesgo
urgency-stale = Sin reporte en 60 días
urgency-rest = Al día
last-report = Último reporte
never = nunca
report-progress = Reportar avance
report-latest = Último reporte
report-field-progress = Avance (0 a 100 %)
report-field-status = Estado
report-field-narrative = Qué se hizo y qué falta
report-narrative-hint = Hasta 5.000 caracteres. Este texto será público.
report-evidence-links = Medios de verificación (enlaces)
report-link-url = Enlace
report-link-type = Tipo de evidencia
report-link-source = Fuente
report-link-date = Fecha
report-submit = Enviar reporte
form-has-errors = Revise los campos marcados; su texto se conservó.
error-summary-title = Hay un problema
report-photo-or-file = Añadir una foto o un archivo
report-link-details = Tipo, fuente y fecha del enlace
report-more-evidence = Añadir otro archivo u otro enlace
report-conflict-title = Otro reporte llegó antes.
report-conflict = Mientras usted escribía, se registró el reporte que se muestra abajo. Su texto sigue en el formulario: revíselo y envíelo de nuevo.
report-progress-invalid = Escriba un número entero de 0 a 100.
report-status-invalid = Elija un estado.
report-narrative-required = Describa el avance: el texto es obligatorio.
report-narrative-too-long = El texto puede tener como máximo 5.000 caracteres.
report-completed-needs-100 = Un hito completado tiene 100 % de avance.
report-100-needs-completed = Con 100 % de avance, el estado es «Completado».
report-link-invalid = El enlace debe empezar por http:// o https:// y apuntar a un sitio web.
report-link-type-invalid = Elija el tipo de evidencia.
report-link-date-invalid = Escriba la fecha como AAAA-MM-DD.
implementation-nav = Mis hitos

# Monitoring
queue-title = Reportes por validar
queue-count =
    { $count ->
        [0] No hay reportes pendientes.
        [one] 1 reporte pendiente.
       *[other] { $count } reportes pendientes.
    }
review-decision = Decisión
review-validate = Validar
review-return = Devolver a la institución
review-contest = Impugnar
review-note-label = Nota (obligatoria para devolver o impugnar)
review-submit = Registrar decisión
review-note-visibility = Al validar o impugnar, la nota se publica con el reporte. Al devolver, la nota solo la ve la institución que reportó.
review-earlier = Reportes anteriores de este hito
review-evidence-download = descargar
review-evidence-none = Este reporte no trae evidencia.
review-evidence = Evidencia
review-dates = Fechas vigentes del hito
review-until-now = Validado hasta ahora
review-reported = Reportado
review-decision-invalid = Elija validar, devolver o impugnar.
review-note-required = Para devolver o impugnar un reporte escriba la razón.
review-note-too-long = La nota puede tener como máximo 2.000 caracteres.
review-already-done = Este reporte ya fue revisado por otra persona.
monitoring-nav = Monitoreo
rounds-title = Rondas de reporte
rounds-link = Rondas de reporte: qué hitos aún no tienen reporte
rounds-explained = En cada ronda el Grupo Núcleo espera un reporte de cada hito en curso (OGP pide actualizar el repositorio al menos dos veces al año). Un reporte cuenta para la ronda que contiene el día (UTC) en que se presentó; las rondas de un plan no se superponen.
rounds-none = Este plan todavía no tiene rondas de reporte.
rounds-add-semiannual = Agregar rondas semestrales para todo el periodo del plan
rounds-new = Nueva ronda
rounds-add = Agregar la ronda
round-field-label = Nombre de la ronda
round-field-opens = Abre el
round-field-closes = Cierra el
round-open-now = Abierta ahora
round-counts = { $count ->
    [0] Ningún hito esperado en esta ronda
   *[other] { $reported } de { $count } hitos con reporte
}
round-missing = { $count ->
    [0] Todos los hitos esperados tienen reporte
    [one] 1 hito sin reporte en esta ronda
   *[other] { $count } hitos sin reporte en esta ronda
}
round-responsible = Institución responsable
round-last-report = Último reporte
round-never-reported = Nunca
round-delete = Quitar esta ronda
round-delete-explained = Los reportes no se borran: solo dejan de contar para esta ronda.
round-semester-label = { $half ->
    [1] Primer semestre { $year }
   *[other] Segundo semestre { $year }
}
round-added = La ronda se agregó.
round-added-semiannual = Se agregaron las rondas semestrales que no se superponen con las existentes.
round-deleted = La ronda se quitó.
round-error-label = Escriba un nombre para la ronda.
round-error-label-long = El nombre admite hasta 200 caracteres.
round-error-date = Escriba una fecha válida (AAAA-MM-DD).
round-error-order = La ronda no puede cerrar antes de abrir.
round-error-overlap = Las fechas se superponen con otra ronda del plan.
round-error-label-taken = El plan ya tiene una ronda con ese nombre.
round-error-too-many = El plan ya tiene el máximo de 60 rondas.

# Feeds
feed-all = Abierto: avances reportados
feed-link = Suscribirse a los avances (Atom)
feed-reported-pending = { $value } % reportado por la institución, pendiente de validación
feed-reported-validated = { $value } % reportado por la institución, validado por el Grupo Núcleo
feed-reported-returned = { $value } % reportado por la institución, devuelto por el Grupo Núcleo (no cuenta)
feed-reported-contested = { $value } % reportado por la institución, impugnado por el Grupo Núcleo
feed-commitment-validated = Avance validado del compromiso: { $value } %.
feed-counterpart = Contraparte ({ $institution }): { $completion }; { $endorsement }
feed-forum = Grupo Núcleo, { $round }: { $completion }
feed-forum-communication = Estrategia de comunicación cumplida: { $value }.

# Re-planning
replan-title = Pedir nuevas fechas
replan-intro = Las fechas de línea de base no cambian: la página pública mostrará ambas y los días de retraso. El Grupo Núcleo aprueba o rechaza el pedido.
replan-new-start = Nueva fecha de inicio
replan-new-due = Nueva fecha de entrega
replan-reason = Razón del cambio
replan-submit = Enviar pedido
replan-date-invalid = Escriba la fecha como AAAA-MM-DD.
replan-reason-required = Explique la razón (hasta 2.000 caracteres).
replan-due-before-start = La entrega no puede ser anterior al inicio.
replan-same-dates = Las fechas pedidas son las vigentes.
replans-title = Pedidos de nuevas fechas
replans-none = No hay pedidos pendientes.
replan-proposed = Fechas pedidas
replan-approve = Aprobar
replan-reject = Rechazar
replan-note = Nota (opcional)
replan-link = Pedir nuevas fechas

# Evidence files
report-evidence-files = Medios de verificación (archivos)
report-files-hint = PDF, imágenes (PNG, JPEG, WebP), documentos y hojas de cálculo (ODT, ODS, DOCX, XLSX), CSV o texto; hasta 20 MB cada uno. Si el formulario vuelve con un error, elija los archivos de nuevo.
report-file = Archivo
report-file-too-large = El archivo supera el máximo de { $megabytes } MB; no se guardó nada.
report-file-type-refused = Este archivo no es de un tipo aceptado (por su contenido, no por su nombre): use PDF, imagen, documento, hoja de cálculo, CSV o texto. No se guardó nada.
replan-state-requested = Pedido, pendiente de decisión
replan-state-approved = Aprobado por el Grupo Núcleo
replan-state-rejected = Rechazado por el Grupo Núcleo

## --- imports and backup ---
import-title = Importar compromisos e hitos
import-intro = Suba la plantilla del plan (XLSX con las hojas «commitments» y «milestones», o un CSV con la columna «kind»). Los compromisos se actualizan por su código y los hitos por código de compromiso y posición; no se borra nada. Con la prueba activada solo se revisa el archivo y no se cambia nada.
import-download-template = Descargar el plan como plantilla (XLSX)
import-file = Archivo (XLSX o CSV)
import-file-hint = La plantilla es el mismo formato que la descarga: edítela y súbala.
import-dry-run = Solo probar: revisar el archivo sin guardar nada
import-submit = Importar
import-no-file = Elija un archivo .xlsx o .csv.
import-unreadable = El archivo no se puede leer como hoja de cálculo XLSX o CSV.
import-refused-hint = No se leyó ni se guardó nada. Descargue la plantilla, copie en ella sus datos y vuelva a subirla.
import-refused-declared-count = El archivo declara más textos de los que puede contener (así son los archivos hechos para agotar la memoria del servidor).
import-refused-grid = Una hoja usa celdas fuera del máximo de una plantilla: 5000 filas y 64 columnas (hasta BL).
import-refused-csv-size = El CSV tiene más de 5000 filas o más de 64 columnas, más que cualquier plan.
archive-refused-damaged = El archivo no es un XLSX, DOCX u ODS válido: está dañado o no es lo que su nombre dice.
archive-refused-entries = El archivo contiene demasiadas partes internas para ser un documento o una hoja de cálculo corriente.
archive-refused-size = Descomprimido, el archivo ocuparía más de lo admitido para un documento o una hoja de cálculo.
archive-refused-ratio = Una parte del archivo se expande de forma anómala al descomprimirla (así son los archivos hechos para agotar la memoria).
archive-refused-unsupported = El archivo tiene partes cifradas o comprimidas de una forma no admitida: guárdelo sin contraseña y vuelva a subirlo.
archive-refused-lies = El contenido del archivo no coincide con los tamaños que declara: está dañado o manipulado.
import-errors-caption = Problemas encontrados en el archivo
import-sheet = Hoja
import-row-heading = Fila
import-column = Columna
import-message = Problema
import-row = fila { $row }
import-failed = { $count ->
    [one] El archivo tiene un problema; no se guardó nada.
   *[other] El archivo tiene { $count } problemas; no se guardó nada.
}
import-dry-run-done = Prueba sin problemas: esto es lo que haría la importación (no se guardó nada).
import-done = Importación terminada.
import-created = { $count ->
    [one] 1 fila nueva
   *[other] { $count } filas nuevas
}
import-updated = { $count ->
    [one] 1 fila actualizada
   *[other] { $count } filas actualizadas
}
import-unchanged = { $count ->
    [one] 1 fila sin cambios
   *[other] { $count } filas sin cambios
}
import-error-required = Falta este dato.
import-error-too-long = El texto supera los { $value } caracteres.
import-error-date = «{ $value }» no es una fecha AAAA-MM-DD.
import-error-date-order = La fecha final es anterior a la inicial.
import-error-number = Debe ser un número entero entre { $value }.
import-error-value = Valor no admitido; use: { $value }.
import-error-missing-column = Falta esta columna en el encabezado.
import-error-missing-sheet = Falta la hoja.
import-error-duplicate = «{ $value }» aparece más de una vez en el archivo.
import-error-unknown-institution = No hay ninguna institución con el identificador «{ $value }».
import-error-unknown-commitment = No hay ningún compromiso con el código «{ $value }» en el archivo ni en el plan.
import-error-dates-frozen = El compromiso está aprobado: las fechas de sus hitos solo cambian con un pedido de nuevas fechas.
import-error-approval-no-milestones = Un compromiso aprobado necesita al menos un hito: agregue sus filas en la hoja «milestones».
import-error-approval-no-responsible = El hito { $value } de un compromiso aprobado necesita una institución responsable.
import-error-approval-no-dates = El hito { $value } de un compromiso aprobado necesita fechas de inicio y entrega de línea de base.
import-error-approval-dates-outside-period = Las fechas de línea de base del hito { $value } de un compromiso aprobado quedan fuera del periodo del plan.
import-error-approval-current-dates = Las fechas vigentes del hito { $value } de un compromiso aprobado deben ser las de línea de base (la aprobación las fija así; después solo cambian con un pedido de nuevas fechas).
import-error-baseline-frozen = El compromiso fue aprobado antes de ser retirado: las fechas de línea de base de sus hitos ya no cambian.
ogp-created = Importación de OGP terminada. Creado:
ogp-created-governments = { $count ->
    [one] 1 gobierno
   *[other] { $count } gobiernos
}
ogp-created-plans = { $count ->
    [one] 1 plan
   *[other] { $count } planes
}
ogp-created-institutions = { $count ->
    [one] 1 institución
   *[other] { $count } instituciones
}
ogp-created-commitments = { $count ->
    [one] 1 compromiso
   *[other] { $count } compromisos
}
ogp-created-assessments = { $count ->
    [one] 1 evaluación del IRM
   *[other] { $count } evaluaciones del IRM
}
ogp-skipped = { $count ->
    [one] 1 fila omitida:
   *[other] { $count } filas omitidas:
}
ogp-report = { $count ->
    [one] 1 línea de informe (un valor leído con una interpretación, o no leído):
   *[other] { $count } líneas de informe (valores leídos con una interpretación, o no leídos):
}
ogp-date-unreadable = no se pudo leer una fecha: queda vacía
ogp-date-ambiguous = el día y el mes pueden leerse de las dos maneras: leída como { $value }
ogp-date-order-from-other-date = el orden de día y mes sigue a la otra fecha de la fila: { $value }
ogp-date-quarter = un trimestre: leído como { $value }
ogp-date-month-only = un mes sin día: leído como { $value }
ogp-date-year-only = solo un año: leído como { $value }
ogp-date-serial = un número de serie de hoja de cálculo: leído como { $value }
ogp-date-end-before-start = el fin es anterior al inicio ({ $value }): el fin queda vacío
ogp-institutions-split = varias instituciones: { $value }
ogp-institution-placeholder = no nombra ninguna institución: se omite
ogp-sector-guessed = el nombre no indica el sector: se supone { $value }
ogp-text-clipped = más largo que el límite: se guardan los primeros caracteres ({ $value })
ogp-country-kosovo = Kosovo: se guarda con el código { $value }
ogp-country-local-member = un miembro local: un gobierno local de { $value }
ogp-country-unknown = código de país desconocido: un gobierno propio, código { $value }
ogp-code-unreadable = no es un número de compromiso: se usa el identificador OGP { $value }
ogp-code-repeated = el plan ya tiene este número: se guarda como { $value }
ogp-irm-unreadable = no es un valor de la escala ({ $value }): queda vacío
ogp-skip-exists = el compromiso ya existe (mismo identificador OGP)
ogp-skip-code-taken = el plan ya tiene otro compromiso con el código { $value }
ogp-skip-no-id = falta el identificador del compromiso
ogp-skip-no-country = falta el país o localidad
ogp-skip-unknown-country = código de país desconocido «{ $value }»
ogp-skip-no-plan-number = número de plan no válido «{ $value }»
ogp-skip-no-title = falta el título
ogp-skip-no-years = falta el año de presentación del plan
ogp-unreadable-csv = El archivo no se puede leer como CSV ({ $value }). No se guardó nada.
ogp-unreadable-column = Al encabezado le falta la columna «{ $value }»: use la exportación de compromisos de OGP tal como se descarga. No se guardó nada.
ogp-import-title = Importar datos de OGP
ogp-import-intro = Suba la exportación de compromisos de OGP (CSV, las columnas que publica OGP). Se crean los gobiernos (por código de país; los miembros locales como gobiernos locales de su país), sus planes por número de plan de OGP, las instituciones por nombre y los compromisos con sus evaluaciones del IRM.
ogp-import-twice = Un compromiso ya importado (mismo identificador OGP) se omite: importar el mismo archivo dos veces no crea nada nuevo.
ogp-import-report-explained = Cada valor que no se pudo leer o que se leyó con una interpretación (fechas ambiguas, trimestres, listas de instituciones, textos recortados…) queda en el informe de la importación, que se puede descargar en CSV.
ogp-import-file = Exportación de compromisos de OGP (CSV)
ogp-import-file-hint = El archivo se revisa al subirlo; si no es la exportación de OGP, no se guarda nada.
ogp-import-submit = Importar
ogp-import-runs = Importaciones anteriores
ogp-import-no-runs = Todavía no se importó ningún archivo desde esta página.
commitment-unmeasured-explained = Este compromiso no tiene hitos que medir (llegó así de los datos de OGP): su estado es la evaluación más reciente del IRM, que se detalla más abajo.
commitment-unmeasured-no-irm = Este compromiso no tiene hitos que medir y el IRM no evaluó su cumplimiento: no hay cifra de avance que mostrar.
ogp-run-received = Archivo recibido: la importación se está guardando.
ogp-run-status-running = En curso
ogp-run-status-done = Terminada
ogp-run-status-failed = Fallida: no se guardó nada
ogp-run-status-interrupted = Interrumpida (el servidor se detuvo durante la importación): no se guardó nada
ogp-run-running-explained = El archivo se leyó y la importación se está guardando en una sola transacción: hasta que termine, nada de ella es visible.
ogp-run-check-again = Ver el estado ahora
ogp-run-download-report = Descargar el informe (CSV)
ogp-run-id = Identificador OGP
ogp-run-value = Valor
ogp-run-done = Qué se hizo
ogp-run-more-lines = Se muestran las primeras { $shown } de { $count } líneas; el CSV las tiene todas.
ogp-run-nothing-stored = La importación se deshizo entera; puede volver a intentarla.
ogp-run-back = Volver a las importaciones de OGP
ogp-run-failed-store = La base de datos rechazó la importación (el registro del servidor dice por qué).
ogp-run-skipped = { $count ->
    [0] Ninguna fila omitida
    [one] 1 fila omitida
   *[other] { $count } filas omitidas
}
ogp-run-values = { $count ->
    [0] Ningún valor leído con una interpretación
    [one] 1 valor leído con una interpretación, o no leído
   *[other] { $count } valores leídos con una interpretación, o no leídos
}

## --- co-creation: proposals, responses, working sessions ---
proposals-title = Propuestas ciudadanas
proposals-intro = Las propuestas de la ciudadanía para este plan, con el apoyo que reciben y la respuesta razonada del Grupo Núcleo.
proposals-received = Propuestas recibidas
proposals-none = Todavía no hay propuestas.
proposals-back = Volver a las propuestas
cocreation-panel = Panel de cocreación
panel-proposals = propuestas recibidas
panel-answered = con respuesta razonada
panel-sessions = mesas de trabajo realizadas
panel-sectors = sectores representados
panel-days-open = días de consulta abierta
window-open-until = La consulta está abierta hasta el { $date }.
window-upcoming = La consulta abrirá el { $opens } y estará abierta hasta el { $closes } (último día incluido). Entonces podrá enviar propuestas y comentar los compromisos en consulta.
window-over = La consulta estuvo abierta del { $opens } al { $closes }.
window-dates-unknown = La consulta aún no tiene fechas. El Grupo Núcleo las publicará aquí; entonces podrá enviar propuestas y comentar los compromisos en consulta.
proposals-none-yet = Todavía no hay propuestas. Las que envíen las personas participantes aparecerán aquí, cada una con la respuesta razonada del Grupo Núcleo.
proposals-none-filtered = Ninguna propuesta coincide con estos filtros.
filter-proposal-state = Estado
filter-theme = Tema
proposal-new = Enviar una propuesta
proposal-new-intro = Describa el problema y lo que propone. El Grupo Núcleo responderá públicamente a cada propuesta.
proposal-field-title = Título
proposal-field-problem = Problema
proposal-field-proposal = Propuesta
proposal-field-theme = Tema
proposal-field-institution = Institución a la que se dirige
proposal-no-institution = Ninguna en particular
proposal-submit = Enviar propuesta
proposal-field-required = Este campo es obligatorio.
proposal-field-too-long = El texto es demasiado largo.
proposal-institution-invalid = Elija una institución de la lista.
proposal-supports =
    { $count ->
        [one] 1 apoyo
       *[other] { $count } apoyos
    }
proposal-comments =
    { $count ->
        [one] 1 comentario
       *[other] { $count } comentarios
    }
proposal-support = Apoyar esta propuesta
proposal-unsupport = Retirar mi apoyo
proposal-response = Respuesta razonada
proposal-no-response = Sin respuesta todavía.
proposal-responded-on = Respondida el
proposal-commitment = Compromiso
comment-new = Su comentario
comment-submit = Comentar
comment-log-in = Inicie sesión para comentar.
comment-hidden = Comentario ocultado por moderación. Motivo:
comment-hide = Ocultar
comment-hide-reason = Motivo
comment-hide-reason-required = Indique el motivo para ocultar el comentario.
comment-already-hidden = El comentario ya estaba ocultado.
register-title = Registro de propuestas y respuestas
register-intro = Cada aporte recibido, la respuesta del Grupo Núcleo y el compromiso al que dio forma.
register-link = Registro de propuestas y respuestas
register-answered = con respuesta
register-shaped = dieron forma a un compromiso
register-csv = Descargar el registro (CSV)
register-date = Fecha
register-state = Decisión
register-supports = Apoyos
triage-title = Propuestas por responder
triage-intro = Revise cada propuesta y publique una respuesta razonada: es obligatoria para aceptarla, integrarla o no aceptarla.
respond-title = Responder
respond-hint = Se publica en la página de la propuesta y en el registro. Obligatoria salvo para "Recibida" y "En revisión".
respond-no-commitment = Ninguno
respond-public-page = Ver la página pública
respond-submit = Guardar la respuesta
response-required = Escriba la respuesta razonada: es obligatoria para esta decisión.
response-state-invalid = Elija una decisión de la lista.
response-commitment-required = Elija el compromiso en el que se integra la propuesta.
response-commitment-invalid = Elija un compromiso de este plan.
response-mail-subject = Respuesta a su propuesta
response-mail-intro = El Grupo Núcleo respondió a su propuesta «{ $title }».
sessions-title = Mesas de trabajo
sessions-intro = Las mesas de trabajo de la cocreación de este plan: fecha, lugar, sectores, participantes y resumen.
sessions-link = Mesas de trabajo
sessions-none = Todavía no se registraron mesas de trabajo.
sessions-manage-title = Registrar una mesa de trabajo
session-date = Fecha
session-place = Lugar
session-online = En línea
session-sectors = Sectores participantes
session-participants = Número de participantes
session-participants-count =
    { $count ->
        [one] 1 participante
       *[other] { $count } participantes
    }
session-summary = Resumen o acta
session-evidence = Medios de verificación (enlaces)
session-link = Enlace
session-submit = Registrar la mesa
session-date-invalid = Indique la fecha (AAAA-MM-DD).
session-place-required = Indique el lugar o marque "En línea".
session-sector-invalid = Elija sectores de la lista.
session-participants-invalid = Indique un número de participantes (0 o más).
session-link-invalid = Cada enlace debe empezar por http:// o https://.
## --- co-creation: phases, drafting, consultation comments, forum ---
cocreation-title = Co-creación
cocreation-intro = El Grupo Núcleo lleva cada plan de borrador a co-creación, implementación y cierre, redacta los compromisos y registra el foro.
cocreation-plan = Plan
cocreation-government = Gobierno
cocreation-period = Periodo
cocreation-window = Ventana de co-creación
cocreation-commitments = Compromisos
plan-new = Nuevo plan de acción
plan-title-field = Título del plan
plan-slug-field = Dirección corta
plan-slug-hint = Minúsculas, números y guiones; por ejemplo ecuador-2026-2028. Forma la dirección pública del plan.
plan-period-start = Inicio del periodo
plan-period-end = Fin del periodo
plan-create = Crear plan (borrador)
plan-title-invalid = Escriba un título de hasta 300 caracteres.
plan-slug-invalid = Use solo minúsculas, números y guiones (hasta 100 caracteres).
plan-slug-taken = Otro plan ya usa esta dirección.
plan-period-order = El fin del periodo no puede ser anterior a su inicio.
plan-version-stale = Otra persona cambió este plan mientras usted tenía abierto el formulario. Vuelva a abrir la página para ver su estado actual; no se guardó nada.
form-version-invalid = El formulario está incompleto (falta su versión). Vuelva a abrir la página.
phase-unknown = Esa fase no existe.
phase-move-co-creation = Abrir la co-creación
phase-move-implementation = Pasar a implementación
phase-move-closed = Cerrar el plan
phase-refused-backwards = Las fases solo avanzan: un plan no vuelve a una fase anterior.
phase-refused-same = El plan ya está en esa fase.
phase-refused-skip = Las fases no se saltan: el plan pasa por co-creación e implementación.
phase-refused-gaps = El plan aún no puede pasar a implementación. Falta lo que se indica en la lista.
window-intro = Durante la ventana, las personas participantes envían propuestas y comentan los compromisos en consulta.
window-opens = Abre el
window-closes = Cierra el (último día incluido)
window-date-invalid = Escriba la fecha como AAAA-MM-DD.
window-closes-before-opens = El cierre no puede ser anterior a la apertura.
window-change = Cambiar la ventana
window-only-in-cocreation = La ventana se cambia mientras el plan está en co-creación.
window-not-set = Sin fijar
window-open-now = abierta ahora
gaps-title = Lo que falta para pasar a implementación
gap-commitment = Compromiso { $code }
gap-milestone = Hito { $position }
gap-not-approved = no está aprobado ni retirado
gap-no-milestones = no tiene hitos
gap-no-responsible = no tiene institución responsable
gap-no-dates = no tiene fechas de inicio y entrega
gap-dates-outside-period = sus fechas quedan fuera del periodo del plan
gap-no-commitments = El plan no tiene compromisos.
forum-manage = Gestionar el foro
public-page = Página pública
commitment-new = Nuevo compromiso
commitment-edit = Compromiso
commitments-none = Aún no hay compromisos.
commitment-code = Número
commitment-ogp-id = Identificador OGP
commitment-title-field = Título
commitment-title-en = Título en inglés
commitment-state = Estado
commitment-save = Guardar
commitment-move-draft = Volver a redacción
commitment-move-consultation = Poner en consulta pública
commitment-move-approved = Aprobar
commitment-move-withdrawn = Retirar
commitment-version-stale = Otra persona cambió este compromiso mientras usted tenía abierto el formulario. Vuelva a abrirlo; no se guardó nada.
commitment-state-unknown = Ese estado no existe.
commitment-state-same = El compromiso ya está en ese estado.
commitment-state-approved-final = Un compromiso aprobado solo puede retirarse.
commitment-state-withdrawn-final = Un compromiso retirado ya no cambia de estado.
consultation-needs-cocreation = La consulta pública solo se abre con el plan en co-creación.
drafting-closed = Los compromisos se redactan mientras el plan está en borrador o en co-creación.
drafting-closed-read-only = Este plan ya pasó la co-creación: el compromiso se muestra como quedó aprobado, sin poder editarse; los cambios de fechas se piden desde cada hito.
approval-refused-gaps = El compromiso aún no puede aprobarse:
baseline-frozen-note = la línea de base quedó fija al aprobarse
template-legend = Plantilla del compromiso (OGP)
template-policy-areas-hint = Separadas por comas.
template-sdgs = Objetivos de Desarrollo Sostenible
sdg-number = ODS { $number }
template-start = Fecha de inicio
template-end = Fecha de fin
milestones-form-hint = Deje una fila en blanco para no usarla. Tras la aprobación, los hitos y sus fechas de línea de base no cambian (los cambios de fecha se piden como nuevas fechas).
milestone-title-field = Título del hito
milestone-output-field = Producto esperado
milestone-responsible-field = Institución responsable
milestone-weight-field = Peso
milestone-baseline-start = Inicio (línea de base)
milestone-baseline-due = Entrega (línea de base)
draft-code-invalid = Use letras, números, puntos o guiones, empezando por una letra o un número (hasta 20 caracteres).
draft-code-taken = Otro compromiso de este plan ya tiene ese número.
draft-title-required = Escriba el título (hasta 300 caracteres).
draft-text-too-long = El texto es demasiado largo.
draft-date-invalid = Escriba la fecha como AAAA-MM-DD.
draft-end-before-start = La fecha final no puede ser anterior a la inicial.
draft-choice-invalid = Elija una opción de la lista.
draft-actor-twice = Una institución aparece dos veces con el mismo papel.
draft-policy-areas-invalid = Hasta 10 áreas, de hasta 100 caracteres cada una.
draft-milestone-title-required = Cada hito necesita un título.
draft-weight-invalid = El peso es un número entre 1 y 100.
draft-too-many-milestones = Un compromiso tiene hasta 30 hitos.
draft-baseline-frozen = El compromiso está aprobado: esta fecha de línea de base ya no cambia. Pida nuevas fechas desde la implementación.
draft-milestones-frozen = El compromiso está aprobado: no se agregan ni quitan hitos.
commitment-comments = Comentarios
comments-none = Aún no hay comentarios.
comments-closed = Los comentarios están cerrados para este compromiso.
comments-commitment-closed = Este compromiso no recibe comentarios ahora: se comenta en consulta pública durante la co-creación, o aprobado durante la implementación.
comment-add = Su comentario
comment-body-required = Escriba su comentario.
comment-body-too-long = El comentario supera los 5.000 caracteres.
comment-hide-reason-too-long = La razón supera los 1.000 caracteres.
comment-hidden-placeholder = Comentario ocultado por el Grupo Núcleo.
comment-hidden-reason = Razón
forum-public-page = Página pública del foro
forum-members = Integrantes
forum-member-add = Agregar integrante
forum-term-start = Inicio del periodo
forum-term-end = Fin del periodo
forum-meeting-add = Registrar reunión
forum-meeting-date = Fecha de la reunión
forum-meeting-attendees = Asistentes
forum-quorum-met = Hubo quórum
forum-minutes = Acta
forum-decisions = Decisiones
meeting-date-future = La reunión se registra una vez realizada: la fecha no puede ser futura.
forum-balance = Equilibrio de sectores
forum-meetings = Reuniones
forum-attendance = Asistencia
forum-no-meetings = Aún no hay reuniones registradas. Cuando el Grupo Núcleo registre sus reuniones (fecha, asistencia, quórum y acta) aparecerán aquí, con la comprobación de que el foro se reúne al menos cada seis meses.
forum-regular-yes = El foro se reunió al menos cada seis meses.
forum-regular-no = El foro no se reunió al menos cada seis meses.
forum-longest-gap = Intervalo más largo
forum-gaps-too-long = Intervalos de más de seis meses sin reunión:
days-count = { $count ->
    [one] 1 día
   *[other] { $count } días
}
## --- implementation tracking: follows, notifications, reminders ---
follow-button = Seguir este compromiso
unfollow-button = Dejar de seguir
follow-hint = Le escribiremos cuando el Grupo Núcleo valide o cuestione un reporte de avance.
follow-login = Inicie sesión para seguir este compromiso y recibir avisos por correo
following-notice = Usted sigue este compromiso.
account-follows = Compromisos que sigue
account-follows-none = Todavía no sigue ningún compromiso. Use el botón «Seguir este compromiso» en la página de un compromiso.
changes-history = Cambios de estado y de fechas
commitment-state-change = Estado del compromiso
mail-validated-subject = Reporte validado: { $title }
mail-contested-subject = Reporte cuestionado: { $title }
mail-validated-body = El Grupo Núcleo validó un reporte de avance de un compromiso que usted sigue.
mail-contested-body = El Grupo Núcleo cuestionó un reporte de avance de un compromiso que usted sigue. Esta es su razón pública:
mail-review-milestone = Hito: { $title }
mail-commitment-link = Vea el compromiso y su historial: { $link }
mail-unfollow-hint = Para dejar de recibir estos mensajes, deje de seguir el compromiso desde su cuenta: { $link }
mail-returned-subject = Reporte devuelto: { $title }
mail-returned-body = El Grupo Núcleo devolvió su reporte de avance del hito «{ $title }». Ya no cuenta en el avance publicado. Nota del Grupo Núcleo:
mail-returned-link = Envíe un nuevo reporte desde su tablero: { $link }
reminder-subject = Hitos de { $institution } que requieren atención
reminder-intro = Hitos de { $institution } que vencen en los próximos 14 días, que llevan más de 60 días sin reporte de avance o que aún no tienen reporte en la ronda de reporte abierta.
reminder-due-soon = Vencen pronto:
reminder-stale = Sin reporte en 60 días:
reminder-round = Sin reporte en la ronda «{ $round }», que cierra el { $date }:
reminder-due = entrega: { $date }
reminder-report-link = Reportar avance: { $link }
reminder-dashboard = Su tablero: { $link }
reminder-counterpart-subject = Hitos que { $institution } co-lidera esperan su reporte de contraparte
reminder-counterpart-intro = Como contraparte de sociedad civil, { $institution } aún no reportó en la ronda de reporte abierta sobre estos hitos.
reminder-counterpart-link = Reportar como contraparte: { $link }

## --- monitoring: dashboard and assessments ---
monitoring-title = Monitoreo del plan
monitoring-plan = Plan de acción
monitoring-show = Mostrar
monitoring-no-plan = Todavía no hay planes publicados.
monitoring-commitments = { $count ->
    [one] 1 compromiso
   *[other] { $count } compromisos
}
monitoring-overdue-count = { $count ->
    [one] 1 hito vencido
   *[other] { $count } hitos vencidos
}
monitoring-stale-count = { $count ->
    [one] 1 hito sin reporte en 60 días
   *[other] { $count } hitos sin reporte en 60 días
}
monitoring-pending = { $count ->
    [one] 1 reporte por validar
   *[other] { $count } reportes por validar
}
monitoring-by-health = Compromisos por estado de salud
monitoring-by-institution = Compromisos por institución responsable
monitoring-by-value = Compromisos por valor OGP
monitoring-health = Salud
milestone-health-label = Salud
milestone-status-label = Estado
monitoring-commitments-col = Compromisos
monitoring-average-progress = Avance promedio
monitoring-overdue = Hitos vencidos
monitoring-stale = Hitos sin reporte en 60 días
monitoring-none = Ninguno.
monitoring-last-report = Último reporte
monitoring-never-reported = Nunca
assessment-title = Evaluación del compromiso
assessment-intro = Escala del Mecanismo de Revisión Independiente (IRM). Cada evaluación se agrega al historial público; nada se sobrescribe.
assessment-add = Registrar una evaluación
assessment-as-of = Fecha de corte
assessment-period-hint = Por ejemplo: «Informe de medio término 2023» o «Corte junio 2024».
assessment-completion = Cumplimiento
assessment-did-it-open = Resultados tempranos: ¿abrió el gobierno?
assessment-narrative = Narrativa
assessment-not-assessed = — sin evaluar —
assessment-submit = Guardar evaluación
assessment-history = Historial de evaluaciones
assessment-period-required = Escriba el periodo evaluado (hasta 200 caracteres).
assessment-as-of-invalid = Escriba la fecha de corte como AAAA-MM-DD.
assessment-as-of-future = La fecha de corte no puede ser posterior a hoy.
assessment-value-invalid = Elija un valor de la lista.
assessment-technology-alone = Tecnología e innovación solo cuenta junto con otro valor OGP.
assessment-narrative-too-long = La narrativa admite hasta 20.000 caracteres.
## --- open data ---
open-data-title = Datos abiertos
open-data-intro = Todo lo publicado en Abierto se puede descargar y reutilizar: planes, compromisos, actores, hitos y sus cambios de fechas, reportes de avance con su estado de revisión, evidencias (enlaces y metadatos de archivos), evaluaciones, propuestas con sus respuestas, mesas de trabajo y el foro multiactor. No se publican cuentas ni correos electrónicos.
open-data-contents = En esta página
open-data-downloads = Descargas
open-data-zip-contents = un archivo CSV por tabla (UTF-8), el diccionario de datos (CSV y Markdown), la licencia y un paquete de datos Frictionless (datapackage.json).
open-data-zip-size = ZIP, { $size }
open-data-zip-as-of = datos al
open-data-license = Licencia
open-data-license-intro = Los datos se publican bajo la licencia
open-data-api = API
open-data-api-intro = Una API JSON de solo lectura, abierta a cualquier sitio (CORS), descrita por un documento OpenAPI 3:
open-data-api-paging = Las listas se paginan con
open-data-dictionary = Diccionario de datos
open-data-field = Campo
open-data-type = Tipo
api-bad-limit = El parámetro «{ $name }» debe ser un número entero entre 1 y 200.
api-bad-offset = El parámetro «{ $name }» debe ser un número entero de 0 en adelante.
api-bad-filter = El valor del filtro «{ $name }» no es válido.
api-bad-id = El identificador no es válido: debe ser un UUID.
api-not-found = No existe ese elemento publicado.
## --- monitoring report ---
mreport-title = Informe de seguimiento
mreport-as-of = Fecha de corte
mreport-as-of-line = Situación al { $date }
mreport-demo-notice = Incluye datos de demostración (hitos y reportes ilustrativos).
mreport-summary = Resumen
mreport-chart = Avance por compromiso
mreport-chart-legend = Barra: avance validado por el Grupo Núcleo (el reportado por las instituciones está en la tabla de compromisos); línea vertical: avance esperado por el tiempo transcurrido.
mreport-plan = Plan
mreport-government = Gobierno
mreport-period-start = Inicio del período
mreport-period-end = Fin del período
mreport-commitments = Compromisos
mreport-milestones = Hitos
mreport-updates = Reportes de avance
mreport-assessments = Evaluaciones
mreport-none = Ninguno a la fecha de corte.
mreport-page = Página { $page }
mreport-col-field = Dato
mreport-col-value = Valor
mreport-col-code = Código
mreport-col-ogp-id = Código OGP
mreport-col-title = Compromiso
mreport-col-state = Estado
mreport-col-lead = Institución responsable
mreport-col-start = Inicio
mreport-col-end = Fin
mreport-col-progress = Avance
mreport-col-validated = Avance validado
mreport-col-reported = Avance reportado
mreport-col-expected = Avance esperado
mreport-col-health = Situación
mreport-col-position = N.º
mreport-col-milestone = Hito
mreport-col-responsible = Responsable
mreport-col-weight = Peso
mreport-col-baseline-start = Inicio (línea base)
mreport-col-baseline-due = Fin (línea base)
mreport-col-due = Fecha prevista
mreport-col-status = Estado reportado
mreport-col-last-report = Último reporte
mreport-col-reported-at = Fecha del reporte
mreport-col-author = Autor
mreport-col-review = Validación
mreport-col-reviewed-at = Fecha de validación
mreport-col-review-note = Nota de validación
mreport-col-narrative = Descripción
mreport-col-period = Período
mreport-col-source = Fuente
mreport-col-verifiable = Verificable
mreport-col-specificity = Especificidad
mreport-col-relevance = Relevancia
mreport-col-impact = Impacto potencial
mreport-col-completion = Cumplimiento
mreport-col-early-results = Resultados
mreport-col-starred = Destacado
mreport-tools = Fecha de corte, descargas y cortes
mreport-show = Ver informe
mreport-downloads = Descargar
mreport-period-label = Nombre del corte (p. ej. «Primer semestre 2024»)
mreport-freeze = Congelar este informe como corte
mreport-snapshots = Cortes congelados
mreport-snapshots-none = Aún no hay cortes congelados de este plan.
mreport-signoff-count = { $count ->
    [one] una firma
   *[other] { $count } firmas
}
mreport-frozen-heading = Corte congelado: { $label }
mreport-frozen-on = Congelado el { $date }. Este informe no cambia aunque lleguen nuevos reportes.
mreport-sha256 = SHA-256 del JSON publicado
mreport-download-json = Descargar JSON
mreport-signoffs = Firmas del Grupo Núcleo
mreport-signoffs-none = Todavía ningún integrante lo ha firmado.
mreport-sign = Firmar este corte en nombre de mi institución
mreport-as-of-invalid = La fecha de corte no es válida: use el formato AAAA-MM-DD.
mreport-as-of-future = La fecha de corte no puede ser posterior a hoy.
mreport-format-invalid = Formato de informe no disponible: use html, pdf, xlsx, csv o json.
mreport-period-label-invalid = Indique el nombre del corte (hasta 200 caracteres). No se guardó nada.
mreport-already-signed = Su institución ya firmó este corte.
mreport-sheet-summary = Resumen
mreport-sheet-commitments = Compromisos
mreport-sheet-milestones = Hitos
mreport-sheet-updates = Reportes de avance
mreport-sheet-assessments = Evaluaciones
mreport-sheet-signoffs = Corte y firmas
mreport-col-member = Integrante del Grupo Núcleo
mreport-col-representative = Representante
mreport-col-signed-at = Fecha de firma
mreport-snapshot-label = Nombre del corte
mreport-frozen-at = Congelado el
policy-no-forum-seat = Solo firman los integrantes del Grupo Núcleo de este plan: su cuenta debe pertenecer a una institución con asiento en el foro.

## --- template text moved into the catalogues ---
open-data-max = máx.
open-data-description-es = Descripción (español)
open-data-description-en = Descripción (inglés)
plan-ogp-label = Nombre en OGP
error-unstorable-text = El texto contiene caracteres que no se pueden guardar (por ejemplo, un carácter nulo). Quítelos e intente de nuevo; no se guardó nada.

## --- long histories ---
history-shortened = Se muestran los { $shown } reportes más recientes de { $total }, además del último de cada hito.
history-show-all = Ver el historial completo
history-grouped =
    { $count ->
        [one] 1 reporte en total. Cada hito muestra su último reporte y, desplegables, los anteriores.
       *[other] { $count } reportes en total. Cada hito muestra su último reporte y, desplegables, los anteriores.
    }
milestone-report-count =
    { $count ->
        [one] 1 reporte
       *[other] { $count } reportes
    }
milestone-latest-report = Último reporte
milestone-no-reports = Todavía no hay reportes de este hito.
milestone-earlier-reports =
    { $count ->
        [one] 1 reporte anterior
       *[other] { $count } reportes anteriores
    }
milestone-earlier-hidden =
    { $count ->
        [one] 1 más antiguo en el historial completo
       *[other] { $count } más antiguos en el historial completo
    }
# Charts of the public pages: progress over time, health, a milestone's dates.
progress-expected-explained = La marca vertical sobre cada barra es el avance esperado a la fecha: el que habría si el trabajo avanzara de forma pareja desde la fecha de inicio hasta la de entrega.
commitment-chart-heading = Avance a lo largo del tiempo
commitment-chart-explained = Cada punto marca un día en que la institución reportó avance o el Grupo Núcleo decidió sobre un reporte; entre dos puntos la cifra se mantiene. Lo esperado crece en línea recta desde el inicio hasta la entrega de cada hito.
plan-charts-heading = El plan en gráficos
plan-chart-heading = Avance del plan a lo largo del tiempo
plan-chart-explained = Cada cifra es el promedio de los compromisos del plan (los retirados no cuentan) tal como estaban ese día.
plan-health-chart = Compromisos por estado
chart-legend-reported = Reportado por la institución, pendiente e impugnado incluidos (línea discontinua, círculos)
chart-legend-validated = Validado por el Grupo Núcleo (línea continua, cuadrados)
chart-legend-expected = Esperado según el tiempo transcurrido (línea punteada)
chart-legend-today = Hoy (línea vertical)
chart-data = Ver los datos del gráfico
chart-col-date = Fecha
chart-col-reported = Reportado
chart-col-validated = Validado
chart-col-expected = Esperado
chart-col-health = Estado
chart-col-commitments = Compromisos
chart-percent = { $value } %
chart-today = hoy
chart-today-capital = Hoy
chart-today-date = { $value } (hoy)
chart-reported = Reportado
chart-validated = Validado
chart-expected = Esperado
chart-reported-value = reportado { $value } %
chart-validated-value = validado { $value } %
chart-expected-value = esperado { $value } %
chart-event-days =
    { $count ->
        [one] 1 día con reportes o revisiones.
       *[other] { $count } días con reportes o revisiones.
    }
chart-note-pending =
    { $count ->
        [one] 1 hito pendiente de validación
       *[other] { $count } hitos pendientes de validación
    }
chart-note-contested =
    { $count ->
        [one] 1 hito impugnado
       *[other] { $count } hitos impugnados
    }
milestone-dates-chart = Fechas del hito { $value }
dates-row-baseline = Línea de base: { $value }
dates-row-current = Vigentes: { $value }
dates-row-actual-done = Real: { $value } (completado)
dates-row-actual-open = Real: { $value } (último reporte)
dates-row-actual-none = Real: todavía sin reportes
actual-dates = Fechas reales
actual-none = Todavía sin reportes.
actual-first = primer reporte: { $value }
actual-completed = completado: { $value }
actual-last = último reporte: { $value }
declared-dates = Fechas reales según la institución
declared-start = inicio: { $value } ({ $against })
declared-completion = fin: { $value } ({ $against })
declared-on-plan = el día planificado
declared-no-plan = sin fecha planificada
declared-after-plan =
    { $days ->
        [one] 1 día después de lo planificado
       *[other] { $days } días después de lo planificado
    }
declared-before-plan =
    { $days ->
        [one] 1 día antes de lo planificado
       *[other] { $days } días antes de lo planificado
    }

## --- hardening: uploads, files ---
report-too-many-files = Se pueden adjuntar como máximo 3 archivos por reporte. No se guardó nada.
evidence-file-missing = El archivo de este medio de verificación no está disponible en el servidor. El registro del reporte se conserva; avise a la administración.

# One-shot confirmations after a write
flash-signed-in = Sesión iniciada.
flash-password-set = Contraseña guardada. Ya inició sesión.
flash-saved = Cambios guardados.
flash-report-sent = Reporte enviado. Queda pendiente de validación del Grupo Núcleo.
flash-review-recorded = Decisión registrada.
flash-replan-sent = Solicitud de cambio de fechas enviada al Grupo Núcleo.
flash-replan-decided = Decisión sobre el cambio de fechas registrada.

# The official's reports and what the forum decided
my-reports = Mis reportes
my-reports-none = Su institución aún no ha enviado reportes en planes en implementación.
my-reports-needs-action = Reportes devueltos: necesitan su corrección
my-reports-correct = Corregir y reportar de nuevo
my-reports-next-pending = Espera la validación del Grupo Núcleo.
my-reports-next-returned = Devuelto: corrija lo que indica la nota y envíe un reporte nuevo.
my-reports-next-contested = Impugnado: responda con un reporte nuevo si tiene más evidencia.
my-reports-next-none = Nada pendiente.
report-returned-next = El Grupo Núcleo devolvió este reporte: no cuenta en el avance. Corrija lo que indica la nota y envíe un reporte nuevo.

# Confirmation before an irreversible step
confirm-lead = Esta acción no se puede deshacer. Antes de seguir, esto es lo que pasará:
confirm-back = Volver
confirm-step = Confirmar
confirm-close-plan-title = ¿Cerrar el plan «{ $name }»?
confirm-close-plan-what-1 = Las instituciones ya no podrán enviar informes de avance ni pedir replanificaciones.
confirm-close-plan-what-2 = Las cifras del plan quedan congeladas tal como están el { $date }.
confirm-close-plan-what-3 = El plan sigue siendo público: su página, sus compromisos, sus informes de seguimiento y sus datos abiertos.
confirm-close-plan-no-undo = No se puede deshacer: un plan cerrado no vuelve a implementación.
confirm-close-plan-yes = Sí, cerrar el plan
confirm-close-plan-hint = Cerrar el plan no se puede deshacer: no habrá más informes de avance y las cifras quedan congeladas en ese día. Se pedirá confirmación.
confirm-approve-title = ¿Aprobar el compromiso { $name }?
confirm-approve-what-1 = Las fechas de inicio y fin de cada hito quedan fijadas como línea de base.
confirm-approve-what-2 = Desde entonces, un cambio de fechas solo puede pedirse como replanificación, que el foro revisa.
confirm-approve-no-undo = No se puede deshacer: un compromiso aprobado no vuelve a borrador; solo puede retirarse.
confirm-approve-yes = Sí, aprobar el compromiso
confirm-freeze-title = ¿Congelar el informe «{ $name }»?
confirm-freeze-what-1 = Se guarda una copia fija del informe de seguimiento con las cifras al { $date }.
confirm-freeze-what-2 = La copia se publica en la página del plan y los miembros del foro pueden firmarla.
confirm-freeze-no-undo = No se puede deshacer: la copia congelada no se puede cambiar ni borrar.
confirm-freeze-yes = Sí, congelar el informe

## Three voices: institution, counterpart, forum
voices-heading = Las tres voces
voices-institution = Institución responsable
voices-counterpart = Contraparte de sociedad civil
voices-forum = Grupo Núcleo
voices-none = Sin reporte todavía.
voices-institution-says = ¿La contraparte cumplió su parte?
voices-counterpart-says = ¿La institución cumplió su parte?
voices-endorses = Respalda el avance reportado
voices-not-endorses = No respalda el avance reportado
voices-change = Cambio percibido
voices-disagreement = Desacuerdo entre institución y contraparte:
voices-disagree-state = no coinciden en el estado del hito
voices-disagree-fulfilment = no coinciden en el cumplimiento de responsabilidades
voices-forum-validation = Revisión del último reporte de la institución
voices-forum-round = Evaluación de ronda
voices-forum-none = El Grupo Núcleo aún no evaluó este compromiso en una ronda.
voices-explained = Cada hito muestra el último reporte de la institución responsable (el que no fue devuelto) y el de la contraparte de sociedad civil; el Grupo Núcleo valida los reportes y evalúa el compromiso en cada ronda. Un recuadro marca dónde la institución y la contraparte no coinciden.
voices-counterpart-history = Reportes de la contraparte
voices-round-history = Evaluaciones de ronda del Grupo Núcleo
round-counterpart-counts = { $count ->
    [0] Ningún hito espera reporte de contraparte
   *[other] { $reported } de { $count } hitos con reporte de la contraparte
}
round-assessed-counts = { $count ->
    [0] Ningún compromiso por evaluar
   *[other] { $assessed } de { $count } compromisos evaluados por el Grupo Núcleo
}
round-missing-counterpart = { $count ->
    [0] Todas las contrapartes reportaron en esta ronda
    [one] 1 hito sin reporte de la contraparte
   *[other] { $count } hitos sin reporte de la contraparte
}
round-counterpart = Contraparte
round-disagreements = { $count ->
    [0] Sin desacuerdos en esta ronda
    [one] 1 hito con desacuerdo entre institución y contraparte
   *[other] { $count } hitos con desacuerdo entre institución y contraparte
}
round-assessments = Evaluación del Grupo Núcleo por compromiso
round-assessments-explained = La visión propia del foro sobre cada compromiso en esta ronda, junto a su validación de cada reporte.
round-no-commitments = El plan no tiene compromisos aprobados.
round-not-assessed = Sin evaluar
round-assessed-as = Evaluado como
round-assessment-title = Evaluación de ronda
round-assessment-voices = Lo que reportaron en la ronda
round-assessment-voices-explained = Último reporte de cada parte presentado dentro de las fechas de la ronda.
round-assessment-earlier = Evaluaciones anteriores de esta ronda
round-assessment-new = Nueva evaluación
round-assessment-completion = Cumplimiento según el Grupo Núcleo
round-assessment-narrative = Valoración del Grupo Núcleo
round-assessment-communication = ¿Se ejecutó la estrategia de comunicación co-creada?
round-assessment-communication-note = Detalle de la estrategia de comunicación (obligatorio si no se ejecutó del todo)
round-assessment-save = Guardar la evaluación
round-assessment-recorded = La evaluación de la ronda quedó registrada.
round-assessment-error-completion = Elija el cumplimiento.
round-assessment-error-narrative = Escriba la valoración del Grupo Núcleo.
round-assessment-error-narrative-long = La valoración admite hasta 5.000 caracteres.
round-assessment-error-communication = Indique si se ejecutó la estrategia de comunicación.
round-assessment-error-note = Explique qué faltó de la estrategia de comunicación.
round-assessment-error-note-long = El detalle admite hasta 2.000 caracteres.
round-delete-has-assessments = Esta ronda tiene evaluaciones del Grupo Núcleo: no se puede quitar.
monitoring-disagreements = { $count ->
    [0] Sin desacuerdos entre instituciones y contrapartes
    [one] 1 hito con desacuerdo entre institución y contraparte
   *[other] { $count } hitos con desacuerdo entre institución y contraparte
}
mreport-disagreements = Hitos con desacuerdo institución–contraparte
mreport-col-disagreement = Desacuerdo
# The civil-society counterpart's dashboard and report
counterpart-nav = Contraparte
counterpart-title = Mis compromisos como contraparte
counterpart-intro = Los hitos de los compromisos aprobados que su organización acompaña como contraparte de sociedad civil, en planes en implementación. Su reporte es su propia voz: no modifica el de la institución responsable y se publica en la página del compromiso.
counterpart-none = Su organización no es contraparte de sociedad civil de ningún compromiso aprobado en un plan en implementación. Cuando el Grupo Núcleo la registre como contraparte de un compromiso, sus hitos aparecerán aquí.
counterpart-institution-latest = Último reporte de la institución
counterpart-own-latest = Último reporte de su organización
counterpart-no-institution-report = La institución aún no ha reportado.
counterpart-no-own-report = Su organización aún no ha reportado.
counterpart-endorsed = respaldado
counterpart-not-endorsed = no respaldado
counterpart-report-link = Reportar
counterpart-report-title = Reporte de la contraparte
counterpart-report-intro = Diga cómo ve el hito su organización. El reporte queda público y no se puede modificar; un reporte posterior lo sustituye como el más reciente.
counterpart-choose = Elija una opción
counterpart-field-completion = Estado del hito según su organización
counterpart-field-fulfilled = ¿La institución responsable cumplió sus compromisos con la contraparte?
counterpart-field-note = Justificación
counterpart-note-hint = Obligatoria si la respuesta es «parcialmente» o «no» (hasta 2000 caracteres).
counterpart-field-change = Cambio percibido (realidad inicial y realidad posterior)
counterpart-change-hint = Hasta 5000 caracteres.
counterpart-field-endorses = Respaldamos el avance reportado
counterpart-endorses-yes = Sí
counterpart-endorses-no = No
counterpart-submit = Enviar reporte de la contraparte
counterpart-completion-invalid = Elija el estado del hito.
counterpart-fulfilled-invalid = Diga si la institución cumplió sus compromisos.
counterpart-note-required = Explique por qué la institución no cumplió del todo.
counterpart-note-too-long = La justificación admite hasta 2000 caracteres.
counterpart-change-required = Describa el cambio percibido.
counterpart-change-too-long = El cambio percibido admite hasta 5000 caracteres.
counterpart-endorses-required = Diga si respalda el avance reportado.
flash-counterpart-report-sent = Reporte de la contraparte publicado.
## Progress report: co-responsibility and participation (PAGA)
report-participation-legend = Corresponsabilidad y participación
report-field-counterpart-fulfilled = ¿La contraparte de sociedad civil cumplió sus responsabilidades?
report-counterpart-fulfilled-hint = Déjelo sin responder si el compromiso no tiene contraparte de sociedad civil.
report-fulfilment-unanswered = Sin responder
report-field-fulfilment-note = Justificación
report-fulfilment-note-hint = Obligatoria si la contraparte cumplió parcialmente o no cumplió (hasta 2000 caracteres).
report-since-previous = Las cifras de participación cuentan lo ocurrido desde el reporte anterior.
report-field-activities = Actividades con otros actores
report-field-participants = Personas que participaron
report-field-sectors = Sectores de las personas participantes
report-field-challenges = Desafíos
report-challenges-hint = Obligatorio si el hito está retrasado, en riesgo o sin iniciar.
report-challenges-hint-today = Obligatorio si reporta menos de { $least } % (lo que mantiene el hito al día hoy), o si está retrasado o sin iniciar.
report-field-next-steps = Próximos pasos
report-field-actual-start = Fecha real de inicio
report-field-actual-completion = Fecha real de finalización
report-fulfilment-invalid = Elija una respuesta de la lista.
report-fulfilment-note-required = Justifique por qué la contraparte cumplió parcialmente o no cumplió.
report-fulfilment-note-too-long = La justificación admite hasta 2000 caracteres.
report-activities-invalid = Escriba un número entero entre 0 y 100000.
report-participants-invalid = Escriba un número entero entre 0 y 10000000.
report-sector-invalid = Elija los sectores de la lista.
report-challenges-required = Describa los desafíos: el hito está retrasado, en riesgo o sin iniciar.
report-challenges-too-long = Los desafíos admiten hasta 5000 caracteres.
report-next-steps-too-long = Los próximos pasos admiten hasta 5000 caracteres.
report-actual-date-invalid = Escriba la fecha como AAAA-MM-DD.
report-actual-completion-future = La fecha real de finalización no puede ser posterior a hoy.
report-actual-completion-before-start = La fecha real de finalización no puede ser anterior a la de inicio.
report-detail-fulfilled = Contraparte cumplió
report-detail-activities = Actividades con otros actores
report-detail-participants = Personas que participaron
report-detail-sectors = Sectores
report-detail-challenges = Desafíos
report-detail-next-steps = Próximos pasos
report-detail-actual = Fechas reales
planned-vs-actual = Planificado / real
participation-heading = Participación
participation-explained = Lo que los reportes de avance de las instituciones (los no devueltos) dicen de la participación desde el reporte anterior, sumado por ronda de reporte y para todo el plan; los sectores son los que aparecen en alguno.
participation-period = Periodo
participation-people = Personas que participaron
participation-activities = Actividades con otros actores
participation-sectors = Sectores
participation-reports = Reportes con datos
participation-whole-plan = Todo el plan

## --- versions and change history ---
version-history = Historial de cambios
version-history-intro = Cada cambio del compromiso, sus actores o sus hitos queda registrado: quién, cuándo, por qué y qué cambió.
version-history-none = Sin cambios desde su primera versión.
version-number = Versión { $version }
version-by = por { $author }
version-author-system = el sistema
version-reason = Motivo
version-no-reason = Sin motivo indicado (antes de la aprobación)
version-reason-initial = Versión inicial
version-reason-import = Importación del plan
version-reason-institution-merge = Fusión de instituciones
version-reason-institution-split = División de una institución
version-see-replans = Reprogramación: ver los cambios de fechas
version-what = Qué
version-before = Antes
version-after = Después
version-empty = —
version-milestone = Hito { $position }
version-field-code = Código
version-field-ogp-id = Identificador OGP
version-field-title = Título
version-field-title-en = Título en inglés
version-field-sdgs = ODS
version-field-start = Inicio
version-field-end = Fin
version-field-state = Estado
version-field-position = Posición
version-field-milestone-title = Título del hito
version-field-output = Producto esperado
version-field-weight = Peso
version-field-responsible = Institución responsable
version-field-baseline-start = Inicio de línea base
version-field-baseline-due = Fin de línea base
version-field-current-start = Inicio vigente
version-field-current-due = Fin vigente
version-actor-added = Actor agregado
version-actor-removed = Actor quitado
version-milestone-added = Hito agregado
version-milestone-removed = Hito quitado
version-reason-field = Motivo del cambio
version-reason-required-mark = obligatorio: el compromiso está aprobado
version-reason-hint = Se publica en el historial de cambios del compromiso. Una vez aprobado, agregar o quitar un hito es decisión del Grupo Núcleo y requiere un motivo.
version-reason-required = Explique el motivo del cambio
version-reason-too-long = El motivo admite hasta 2000 caracteres.
version-milestone-has-history = Un hito con reportes, reprogramaciones o comentarios no se quita: márquelo como cancelado en su próximo reporte.

## --- indicators ---
indicators-heading = Indicadores de resultado
indicators-explained = Lo que el compromiso busca cambiar: cada indicador parte de una línea de base hacia una meta. El avance hacia la meta cuenta solo mediciones validadas por el Grupo Núcleo.
indicators-title = Indicadores de resultado
indicators-intro = Defina los indicadores del compromiso y registre sus mediciones; el Grupo Núcleo valida cada medición antes de que cuente.
indicators-public-page = Ver en la página pública
indicators-none = Este compromiso aún no tiene indicadores.
indicator-baseline = Línea de base
indicator-target = Meta
indicator-latest = Último valor validado
indicator-share-label = Avance hacia la meta
indicator-share = { $share } % del camino de la línea de base a la meta
indicator-share-raw = { $share } % del camino de la línea de base a la meta (valor calculado: { $raw } %)
indicator-none-validated = Aún no hay mediciones validadas
indicator-no-measurements = Aún no hay mediciones.
indicator-measurements = Mediciones
indicator-chart-title = Mediciones de «{ $name }»
indicator-chart-desc = Cada medición como parte del camino desde la línea de base ({ $baseline }, abajo) hasta la meta ({ $target }, línea punteada arriba). Los cuadrados son mediciones validadas.
indicator-col-date = Fecha de medición
indicator-col-value = Valor
indicator-col-source = Fuente
indicator-col-evidence = Evidencia
indicator-col-review = Revisión
indicator-col-disaggregation = Desagregación
indicator-direction = ¿Qué es mejor?
indicator-direction-increase = Aumentar
indicator-direction-decrease = Disminuir
indicator-new = Nuevo indicador
indicator-name = Nombre del indicador
indicator-unit = Unidad (por ejemplo %, solicitudes, días)
indicator-baseline-value = Valor de línea de base
indicator-baseline-date = Fecha de la línea de base
indicator-baseline-source = Fuente de la línea de base
indicator-target-value = Valor meta
indicator-target-date = Fecha de la meta
indicator-define-submit = Guardar indicador
indicator-record = Registrar una medición
indicator-record-submit = Registrar medición
indicator-value = Valor medido
indicator-measured-on = Fecha de la medición
indicator-source = Fuente
indicator-evidence-url = Enlace a la evidencia (opcional)
indicator-disaggregation = Desagregación (opcional)
indicator-disaggregation-hint = Una línea por grupo, como «mujeres: 12»; hasta 20 grupos.
indicator-name-required = Escriba el nombre del indicador.
indicator-unit-required = Escriba la unidad.
indicator-source-required = Indique la fuente.
indicator-text-too-long = El texto es demasiado largo.
indicator-direction-invalid = Elija si es mejor aumentar o disminuir.
indicator-value-required = Escriba un valor.
indicator-value-invalid = Escriba un número (por ejemplo 30 o 12,5).
indicator-date-invalid = Escriba una fecha válida.
indicator-date-future = La fecha de la medición no puede ser futura.
indicator-target-equals-baseline = La meta debe ser distinta de la línea de base.
indicator-target-wrong-way = La meta va en la dirección contraria a la elegida.
indicator-target-before-baseline = La fecha de la meta no puede ser anterior a la línea de base.
indicator-url-invalid = Escriba una dirección web completa (https://…).
indicator-disaggregation-invalid = Escriba una línea por grupo, como «mujeres: 12», sin repetir grupos.
indicator-disaggregation-too-many = Como máximo 20 grupos.
indicator-queue-title = Mediciones de indicadores por validar
indicator-queue-count =
    { $count ->
        [0] No hay mediciones pendientes.
        [one] 1 medición pendiente.
       *[other] { $count } mediciones pendientes.
    }
indicator-review-note-hint = Obligatoria para devolver; es pública.
flash-indicator-defined = Indicador guardado.
flash-measurement-recorded = Medición registrada; el Grupo Núcleo la revisará.
