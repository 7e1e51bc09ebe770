/**
 * The copy of each listing the market index keeps (for explanations and widening), with its
 * repeated values shared: a row read from the table brings its own copy of every string and list
 * (its lessor, commune, quartier, typology, the communes and typologies it wishes…), some 1 KB a
 * listing, where most of these values are among a few hundred. At 100,000 listings that copy was
 * the largest part of the index after the lists of accepted dwellings. The shared lists and
 * objects are frozen: a listing changing one in place would change every listing holding it.
 */
import type { Dwelling, Household, Listing } from '../schemas/listing';
import type { MatchCandidate } from './types';

type Wishes = Listing['wishes'];
type Needs = Wishes['needs'];

const NO_NEEDS: Needs = Object.freeze({});

export class CandidateCompactor {
  private readonly strings = new Map<string, string>();
  private readonly lists = new Map<string, readonly string[]>();
  private readonly needs = new Map<string, Needs>();
  private readonly households = new Map<number, Household>();

  /** A candidate equal to `candidate` (same values), made of shared strings and lists where it can. */
  compact(candidate: MatchCandidate): MatchCandidate {
    const { dwelling, household, wishes } = candidate;
    const compact: MatchCandidate = {
      id: candidate.id,
      ownerId: candidate.ownerId,
      dwelling: this.dwelling(dwelling),
      household: this.household(household),
      wishes: this.wishes(wishes),
    };
    if (candidate.nextRent !== undefined) compact.nextRent = candidate.nextRent;
    if (candidate.nextCharges !== undefined) compact.nextCharges = candidate.nextCharges;
    return compact;
  }

  private dwelling(dwelling: Dwelling): Dwelling {
    return {
      lessorId: this.string(dwelling.lessorId),
      tenancyRef: dwelling.tenancyRef,
      dwellingRef: dwelling.dwellingRef,
      communeCode: this.string(dwelling.communeCode),
      quartierId: this.string(dwelling.quartierId),
      typology: this.string(dwelling.typology) as Dwelling['typology'],
      surface: dwelling.surface,
      rent: dwelling.rent,
      charges: dwelling.charges,
      floor: dwelling.floor,
      lift: dwelling.lift,
      accessible: dwelling.accessible,
      financing: this.string(dwelling.financing) as Dwelling['financing'],
      features: this.list(dwelling.features) as Dwelling['features'],
    };
  }

  /** Without its income, which matching never reads (lessors read it from the listing). */
  private household(household: Household): Household {
    const key = household.adults * 100 + household.children;
    let shared = this.households.get(key);
    if (shared === undefined)
      this.households.set(
        key,
        (shared = Object.freeze({ adults: household.adults, children: household.children })),
      );
    return shared;
  }

  private wishes(wishes: Wishes): Wishes {
    const compact: Wishes = {
      communes: this.list(wishes.communes) as string[],
      quartiers: this.list(wishes.quartiers) as string[],
      typologies: this.list(wishes.typologies) as Wishes['typologies'],
      needs: this.needsOf(wishes.needs),
      features: this.list(wishes.features) as Wishes['features'],
    };
    if (wishes.maxTotalRent !== undefined) compact.maxTotalRent = wishes.maxTotalRent;
    if (wishes.minSurface !== undefined) compact.minSurface = wishes.minSurface;
    return compact;
  }

  private string(value: string): string {
    const shared = this.strings.get(value);
    if (shared !== undefined) return shared;
    this.strings.set(value, value);
    return value;
  }

  private list(values: readonly string[]): readonly string[] {
    const key = values.join('\u0000');
    let shared = this.lists.get(key);
    if (shared === undefined)
      this.lists.set(key, (shared = Object.freeze(values.map((v) => this.string(v)))));
    return shared;
  }

  private needsOf(needs: Needs): Needs {
    if (
      needs.accessible === undefined &&
      needs.liftOrGroundFloor === undefined &&
      needs.maxFloor === undefined
    )
      return NO_NEEDS;
    const key = `${needs.accessible}|${needs.liftOrGroundFloor}|${needs.maxFloor}`;
    let shared = this.needs.get(key);
    if (shared === undefined) this.needs.set(key, (shared = Object.freeze({ ...needs })));
    return shared;
  }
}
