/**
 * The schemas published for other languages: each one gets `schema/<name>.schema.json`
 * and `fixtures/<name>.json`, and Python's contract tests read them by these names.
 */
import type { z } from 'zod';
import { Channel } from './channels.js';
import { ErrorBody } from './errors.js';
import { JobEvent, StoredEvent } from './events.js';
import { ArtifactPath, JobId } from './primitives.js';
import { ArtifactInfo, Job, JobType, SidecarStatus } from './records.js';
import {
  ArtifactList,
  EventPage,
  Health,
  HubStats,
  InputRequest,
  JobList,
  JobReply,
  JobTypeList,
  StartJobRequest,
} from './rest.js';
import { SidecarInbound, SidecarOutbound } from './sidecar-link.js';
import { ClientMessage, ServerMessage } from './socket.js';

/** Published schemas by kebab-case name, grouped by the wire they belong to. */
export const CATALOG = {
  // Shared values
  'job-id': JobId,
  'artifact-path': ArtifactPath,
  channel: Channel,
  // Job events (§3.1)
  'job-event': JobEvent,
  'stored-event': StoredEvent,
  // Sidecar link (§3.2)
  'job-type': JobType,
  'sidecar-inbound': SidecarInbound,
  'sidecar-outbound': SidecarOutbound,
  // WebSocket (§3.3)
  'client-message': ClientMessage,
  'server-message': ServerMessage,
  // REST (§3.4)
  'start-job-request': StartJobRequest,
  'input-request': InputRequest,
  job: Job,
  'job-reply': JobReply,
  'job-list': JobList,
  'job-type-list': JobTypeList,
  'event-page': EventPage,
  'artifact-info': ArtifactInfo,
  'artifact-list': ArtifactList,
  health: Health,
  'hub-stats': HubStats,
  'sidecar-status': SidecarStatus,
  'error-body': ErrorBody,
} as const satisfies Record<string, z.ZodType>;

/** A published schema's name. */
export type CatalogName = keyof typeof CATALOG;

/** `client-message` → `ClientMessage`: the name the schema has in TypeScript. */
export function titleOf(name: CatalogName): string {
  return name.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) =>
    letter.toUpperCase(),
  );
}
