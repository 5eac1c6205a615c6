// Walking, with and without thigh cuffs, in older adults: what one 20-min bout does to the muscle's
// metabolism. Ozaki-style walking: 67 m/min, 20 min continuous, 5-cm thigh cuffs at 160 mmHg
// (models/protocols/bfr-walking.yaml).
//
// Literature relied on:
// - Natsume T, Ozaki H et al. 2016, Juntendo Med J 62(Suppl 1):237-242 (J-STAGE jmj 62_237):
//   18 older adults (68 y) walked 20 min at 3-4 km/h with BFR; blood lactate 1.3 ± 0.1 → 1.9 ± 0.2
//   mM (mean ± SE) immediately after. If walking *with* the cuff raises blood lactate by ~0.6 mM,
//   the same walk without a cuff (45 %HRR, well below the lactate threshold) cannot raise it more.
// - Conley KE, Kushmerick MJ, Jubrias SA 1998, J Physiol 511:935, doi 10.1111/j.1469-7793.1998.935bg.x:
//   glycolytic flux is proportional to muscle activation, so light rhythmic work does not run
//   glycolysis at the rate of a loaded set.
// - Ozaki H et al. 2011, J Gerontol A Biol Sci Med Sci 66:257, doi 10.1093/gerona/glq182: older
//   women, 10 weeks of this walking without cuffs: no significant change in MRI thigh muscle CSA
//   (with cuffs +3.1 %, p < .01).
import { describe, expect, it } from "vitest";
import { S, at, final, firstSession, oneSession, run } from "./helpers.ts";

const NO_CUFF = { "cuff.pressure.mmHg": 0, progression: {} };
const BLOOD_LACTATE = "energetics.bloodLactate";

describe("walking without a cuff stays below the lactate threshold (Natsume 2016; Conley 1998)", () => {
  it("20 min at 67 m/min raises blood lactate by less than 1 mM", () => {
    const r = oneSession("bfr-walking", NO_CUFF);
    const { start, end } = firstSession(r);
    const rise = at(r, BLOOD_LACTATE, end) - at(r, BLOOD_LACTATE, start);
    expect(rise).toBeGreaterThan(0);
    expect(rise).toBeLessThan(1);
  });
});

describe("walking without a cuff does not grow the thigh (Ozaki 2011 control arm)", () => {
  it("10 weeks, 4 sessions a week: CSA changes by less than a third of the BFR-walking gain (3.1 %)", () => {
    const walk = run("bfr-walking", NO_CUFF);
    expect(Math.abs(final(walk, S.csaChange))).toBeLessThan(3.1 / 3);
  });
});
