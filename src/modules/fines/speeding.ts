// Choosing a speeding fine: pure, so it is tested on its own. The band is picked at recording time from the speed
// and limit the camera or officer reported; the rows come from the catalogue (data), never from code.

export interface SpeedingBand {
  overFromKmh: number;
  overToKmh: number | null;
  amount: bigint;
}

/** The band covering (speed − limit), or undefined when the vehicle was not over the limit or no band covers it. */
export function chooseSpeedingBand<T extends SpeedingBand>(bands: readonly T[], speedKmh: number, limitKmh: number): T | undefined {
  const over = speedKmh - limitKmh;
  if (!(over > 0)) return undefined;
  return bands.find((band) => over > band.overFromKmh && (band.overToKmh === null || over <= band.overToKmh));
}
