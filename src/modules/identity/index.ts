// The identity module's surface: people (civil ID), staff users and roles, sessions, machine clients.
export {
  actorFromSession, checkCivilId, contactsOfPeople, contactsOfPerson, findPersonIdByCivilId, personIdsByPhone, findPersonByCivilId,
  findPersonById, type PersonContacts, type PersonSummary,
} from './identity.service.js';
export { actorFromSignedRequest, apiClientIdOfKey } from './api-clients.service.js';
export { signRequest } from './secrets.js';
export { seedIdentity, type SeedPerson } from './identity.seed.js';
export { identityRoutes } from './identity.routes.js';
export { registerIdentityCommands } from './identity.command.js';
