// The tariffs module's surface: versioned rate schedules and their tier maths (pure functions). It depends on no
// other module.
export {
  createTariffVersion, insertTariffVersion, listTariffVersions, schedulesOfBiller, toPriced, unitOfBiller, UNITS,
  type Schedule, type TariffVersionInput, type Unit,
} from './tariffs.service.js';
export { fixedCharges, priceConsumption, TariffGapError, TariffOverlapError, type Span } from './tariffs.proration.js';
export { seedReferenceTariffs } from './tariffs.seed.js';
export { tariffsRoutes } from './tariffs.routes.js';
