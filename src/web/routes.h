#pragma once
// The route tables, one per module, called once from main (no self-registration).
#include "web/context.h"
#include "web/http/router.h"

namespace boussole::web {

//! A page handler that needs only the context and the request.
using PageHandler = Response (*)(const WebContext& context, const Request& request);
//! Adds a route served by `handler` with `context`.
void AddPage(Router& router, const WebContext& context, const char* method, const char* pattern, const char* name,
             PageHandler handler);

void RegisterHomeRoutes(Router& router, const WebContext& context);
void RegisterTerritoryPages(Router& router, const WebContext& context);
//! /cartes: maps of France by département and région (issue 8).
void RegisterMapPages(Router& router, const WebContext& context);
//! /donnees: open data files and their column descriptions (issue 8).
void RegisterOpenDataPages(Router& router, const WebContext& context);
//! /chiffres: the platform's figures and the ANCT's published ones (issue 8).
void RegisterFiguresPages(Router& router, const WebContext& context);
//! /mon-espace: what concerns the viewer's collectivités (issue 8).
void RegisterMySpacePage(Router& router, const WebContext& context);
void RegisterOfferPages(Router& router, const WebContext& context);
void RegisterTerritoryApi(Router& router, const WebContext& context);
void RegisterOfferApi(Router& router, const WebContext& context);
//! GET /api/v1/offers/search: the offer index (issue 4). Throws when the synonyms file
//! cannot be read.
void RegisterSearchApi(Router& router, const WebContext& context);
//! GET /api/v1/offers/search.csv and .xlsx: the whole result set of a search, same
//! parameters and validation. Throws when context.search is not set.
void RegisterExportApi(Router& router, const WebContext& context);
void RegisterSearchPage(Router& router, const WebContext& context);  //!< GET /offres/recherche
//! GET /offres/{slug}/eligibilite and GET /api/v1/offers/{slug}/eligibility: the eligibility
//! tests of context.eligibility (none when it is null: every test is a 404).
void RegisterEligibilityRoutes(Router& router, const WebContext& context);
void RegisterOpsRoutes(Router& router, const WebContext& context);
//! /compte/…: sign-up, confirmation, login, logout, password reset, my account (issue 5).
//! Nothing when context.accounts is null.
void RegisterAccountPages(Router& router, const WebContext& context);
//! /compte/jetons…: personal API tokens (create, shown once; revoke), and GET /api/v1/me.
void RegisterApiTokenPages(Router& router, const WebContext& context);
//! /organisations/…, /mes-organisations: organisations, members, invitations (issue 5,
//! item 2). Nothing when context.organisations or context.accounts is null.
void RegisterOrganisationPages(Router& router, const WebContext& context);

//! /alertes/…: an alert from an offer search, its confirmation and unsubscribe links
//! (issue 5, item 6). Nothing when context.alerts or context.search is null.
void RegisterAlertPages(Router& router, const WebContext& context);

//! /demandes/…, /organisations/{organisation}/demandes/…, /api/v1/requests/…: requests for
//! engineering ("saisines", issue 6), their workflows, trail and files.
void RegisterRequestPages(Router& router, const WebContext& context);
//! /ressources: the directory of engineering resources (issue 6, item 2).
void RegisterResourcePages(Router& router, const WebContext& context);
//! Editing and withdrawing the directory's structures (called by RegisterResourcePages).
void RegisterResourceEditPages(Router& router, const WebContext& context);
//! /demandes/tableau-de-bord(.csv): the request dashboards (issue 6, item 6).
void RegisterRequestDashboard(Router& router, const WebContext& context);
//! /demandes/budgets: the ANCT's annual engineering envelopes, set by the ANCT (issue 6, item 4).
void RegisterRequestBudgetPages(Router& router, const WebContext& context);
//! /api/v1/…requests…: the request API's writes and attachments (issue 6, item 7).
void RegisterRequestApi(Router& router, const WebContext& context);

//! Projects of collectivités: list, creation, edition, the project page with suggested and
//! attached offers and the history (issue 5, item 4). Needs context.search.
void RegisterProjectPages(Router& router, const WebContext& context);
//! /admin/offres…: the offer publication workflow for platform admins (issue 5, item 2).
void RegisterOfferAdminPages(Router& router, const WebContext& context);
//! The projetothèque (issue 5, item 5): the owners' case sheet and its publication, the
//! public list and sheet pages, and the API.
void RegisterCaseSheetPages(Router& router, const WebContext& context);
void RegisterProjetothequePages(Router& router, const WebContext& context);
void RegisterProjetothequeApi(Router& router, const WebContext& context);

//! Collective programmes (issue 7): the list and history, the types, creation by the ANCT,
//! the programme's page and what people do on it, the calendar, the API.
void RegisterProgrammePages(Router& router, const WebContext& context);
void RegisterProgrammeActions(Router& router, const WebContext& context);
void RegisterSeminarPages(Router& router, const WebContext& context);
void RegisterProgrammeApi(Router& router, const WebContext& context);
//! Deliverables: upload (a larger body limit), validation, publication, download.
void RegisterDeliverablePages(Router& router, const WebContext& context);
//! An ingénierie sur mesure request opened from a deliverable, prefilled with its actions.
void RegisterDeliverableRequestPages(Router& router, const WebContext& context);
//! The learning community of a programme: posts, comments, reports, moderation.
void RegisterCommunityPages(Router& router, const WebContext& context);
//! /confidentialite, /compte/mes-donnees…, /admin/journal-securite: privacy and the audit
//! log (issue 9). Only the privacy page when context.accounts is null.
void RegisterPrivacyPages(Router& router, const WebContext& context);
//! The learning community in JSON: posts, a new post or comment, reports, restoration.
void RegisterCommunityApi(Router& router, const WebContext& context);
//! Themes in JSON: the ranking, a proposal, a support, the selection.
void RegisterThemeApi(Router& router, const WebContext& context);
//! Programmes and cohorts in JSON: creation, territories, registrations and the waitlist,
//! people, phases, named steps (the pages' actions, web/programme_actions.h).
void RegisterProgrammeCohortApi(Router& router, const WebContext& context);
void RegisterSeminarApi(Router& router, const WebContext& context);
void RegisterDeliverableApi(Router& router, const WebContext& context);

}  // namespace boussole::web
