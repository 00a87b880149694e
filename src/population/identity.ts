import { Faker, base, en, en_GB } from '@faker-js/faker';
import { createRandom } from '../random/index.js';

/** A made-up name and place for showing one synthetic child in a report. */
export interface DisplayIdentity {
  readonly id: number;
  readonly name: string;
  readonly age: number;
  readonly area: string;
}

let faker: Faker | undefined;

/**
 * A display identity for one child, made on demand from its own stream
 * (`root/identity/child:<id>`), so the same seed and id always give the same
 * name, and no identity is ever a model feature or generated for a whole
 * population. Names come from `@faker-js/faker`'s en_GB locale; `sex`
 * ("female"/"male", anything else → either) picks the first name.
 *
 * @example
 * displayIdentity(42, 1017, { age: 14, sex: 'female' }).name; // e.g. "Amelia Hughes"
 */
export function displayIdentity(
  seed: number | string,
  id: number,
  child: { age: number; sex?: string },
): DisplayIdentity {
  faker ??= new Faker({ locale: [en_GB, en, base] });
  const stream = createRandom(seed).fork('identity').fork(`child:${id}`);
  faker.seed(Math.floor(stream.next() * 2 ** 31));
  const sex = child.sex === 'female' || child.sex === 'male' ? child.sex : undefined;
  const name = `${faker.person.firstName(sex)} ${faker.person.lastName()}`;
  const area = faker.location.city();
  return { id, name, age: child.age, area };
}
