import type { Deps } from './context.ts'
import { createAdmissionService } from './modules/admission/admission.service.ts'
import { createAttachmentsService } from './modules/attachments/attachments.service.ts'
import { createAuditService } from './modules/audit/audit.service.ts'
import { createAuthService } from './modules/auth/auth.service.ts'
import { createBulletinsService } from './modules/bulletins/bulletins.service.ts'
import { createCadenceService } from './modules/cadence/cadence.service.ts'
import { createCalendarService } from './modules/calendar/calendar.service.ts'
import { createCampaignsService } from './modules/campaigns/campaigns.service.ts'
import { createDashboardService } from './modules/dashboard/dashboard.service.ts'
import { createDepartmentsService } from './modules/departments/departments.service.ts'
import { createDictionariesService } from './modules/dictionaries/dictionaries.service.ts'
import { createEmailService } from './modules/email/email.service.ts'
import { createEnterprisesService } from './modules/enterprises/enterprises.service.ts'
import { createEventsService } from './modules/events/events.service.ts'
import { createImportsService } from './modules/imports/imports.service.ts'
import { createLightsService } from './modules/lights/lights.service.ts'
import { createNotificationsService } from './modules/notifications/notifications.service.ts'
import { createOpen311Service } from './modules/open311/open311.service.ts'
import { createPermitsService } from './modules/permits/permits.service.ts'
import { createPipelineService } from './modules/pipeline/pipeline.service.ts'
import { createPoliciesService } from './modules/policies/policies.service.ts'
import { createCommonProblemsService } from './modules/problems/common.service.ts'
import { createDeadlineSettings } from './modules/problems/deadline-settings.ts'
import { createProblemsService } from './modules/problems/problems.service.ts'
import { createSimilarityService } from './modules/problems/similarity.service.ts'
import { createSupervisionService } from './modules/problems/supervision.service.ts'
import { createProjectsService } from './modules/projects/projects.service.ts'
import { createReferenceService } from './modules/reference/reference.service.ts'
import { createReportsService } from './modules/reports/reports.service.ts'
import { createRobotsService } from './modules/robots/robots.service.ts'
import { createRolesService } from './modules/roles/roles.service.ts'
import { createScorecardsService } from './modules/scorecards/scorecards.service.ts'
import { createServiceRecordsService } from './modules/service-records/service-records.service.ts'
import { createSettingsService } from './modules/settings/settings.service.ts'
import { createUsersService } from './modules/users/users.service.ts'
import { createVisitsService } from './modules/visits/visits.service.ts'

/** Wires every domain service once; modules reach each other only through these. */
export function buildServices(deps: Deps) {
  const audit = createAuditService(deps)
  const settings = createSettingsService(deps, audit)
  const auth = createAuthService(deps, audit, settings)
  const departments = createDepartmentsService(deps, audit)
  const roles = createRolesService(deps, audit)
  const users = createUsersService(deps, audit, departments, roles)
  const dictionaries = createDictionariesService(deps, audit)
  const reference = createReferenceService(deps)
  // Portfolio (SPEC §2–3): each domain gets the services it calls; none reaches into another's tables to write.
  const events = createEventsService(deps)
  // Before anything records timeline entries: it listens to them (notification-rules.ts).
  const notifications = createNotificationsService(deps, { notifier: deps.notifier })
  const lights = createLightsService(deps, audit)
  const admission = createAdmissionService(deps, audit)
  // The calendar comes first: report due dates move off holidays (the cadence engine's rule).
  const calendar = createCalendarService(deps, audit)
  const reports = createReportsService(deps, { audit, events, calendar })
  const attachments = createAttachmentsService(deps, { audit })
  const projects = createProjectsService(deps, { audit, events, lights, admission, reports, attachments })
  const enterprises = createEnterprisesService(deps, { audit, events, projects })
  const pipeline = createPipelineService(deps, { audit, events, projects })
  const imports = createImportsService(deps, { audit, events, projects, enterprises, reports })
  // The problem loop (SPEC §4).
  const deadlines = createDeadlineSettings(deps, audit)
  const problems = createProblemsService(deps, {
    audit,
    events,
    calendar,
    deadlines,
    projects,
    enterprises,
    attachments,
    departments,
  })
  const similarity = createSimilarityService(deps, { problems })
  const commons = createCommonProblemsService(deps, { audit, events, problems, projects })
  const supervision = createSupervisionService(deps, { audit, events, calendar, deadlines, problems })
  // Visits (SPEC §5): problems found go into the loop; the enterprise overview counts its visits.
  const visits = createVisitsService(deps, { audit, events, problems, attachments })
  enterprises.attachVisits(visits)
  // Cadence, campaigns, rankings, bulletins (SPEC §6).
  const cadence = createCadenceService(deps, { audit, events, reports, calendar })
  // 每周评比 (SPEC §6): reads the figures of problems, reports, milestones and visits through their services.
  const scorecards = createScorecardsService(deps, { audit, supervision, reports, projects, visits })
  // Campaigns (SPEC §6): figures read from projects, problems and visits.
  const campaigns = createCampaignsService(deps, { audit })
  // Work-group robots hear of assignments and escalations through the notifications.
  const robots = createRobotsService(deps, { audit, notifications, supervision, calendar, problems })
  const email = createEmailService(deps, { audit, notifications })
  // 通报 (SPEC §6): the period's figures through the services above, the rhythm modules included.
  const bulletins = createBulletinsService(deps, {
    audit,
    robots,
    sources: {
      projects,
      reports,
      supervision,
      visits,
      cadence,
      scorecards,
      campaigns,
    },
  })
  // Open311 GeoReport v2 (SPEC §8): requests from connected systems enter the problem loop.
  const open311 = createOpen311Service(deps, { audit, dictionaries, problems })
  // 驾驶舱 (SPEC §7): one call per view, from the modules' own figures.
  const dashboard = createDashboardService(deps, { projects, reports, supervision, pipeline, campaigns })
  // 帮办代办 and the service record (SPEC §2 保姆式服务): approvals complete milestones, stuck permits
  // enter the problem loop.
  const serviceRecords = createServiceRecordsService(deps, { audit })
  // 惠企政策 (SPEC §2, FACTS 002): notices go out through the notifications (in-app and e-mail); an
  // application a service officer makes for an enterprise is a 政策 contact in its service record.
  const policies = createPoliciesService(deps, { audit, events, attachments, serviceRecords })
  const permits = createPermitsService(deps, { audit, events, calendar, projects, problems, serviceRecords })
  return {
    clock: deps.clock,
    audit,
    settings,
    auth,
    departments,
    roles,
    users,
    dictionaries,
    reference,
    events,
    lights,
    admission,
    reports,
    attachments,
    projects,
    enterprises,
    pipeline,
    imports,
    calendar,
    deadlines,
    problems,
    similarity,
    commons,
    supervision,
    visits,
    bulletins,
    open311,
    notifications,
    robots,
    email,
    dashboard,
    campaigns,
    scorecards,
    cadence,
    policies,
    serviceRecords,
    permits,
  }
}

export type Services = ReturnType<typeof buildServices>
