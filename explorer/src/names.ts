import { createRandom } from '../../src/random/index.js';

/**
 * Made-up first names for the children on the cards, so a room can talk
 * about "Maya" rather than "child 10 482". A short list of our own instead
 * of @faker-js/faker (hundreds of kilobytes) keeps the page small. Names are
 * drawn from the child's own stream (`root/explorer:name/child:<id>`), so the
 * same seed and child always get the same name; they are never a model
 * input and the page marks them as made up.
 */
const FEMALE = ['Amira', 'Bethany', 'Chloe', 'Daisy', 'Ella', 'Freya', 'Grace', 'Hana', 'Isla', 'Jade', 'Keira', 'Layla', 'Maya', 'Nia', 'Olivia', 'Poppy', 'Ruby', 'Sofia', 'Tia', 'Zara'];
const MALE = ['Adam', 'Ben', 'Callum', 'Dylan', 'Ethan', 'Finn', 'George', 'Harry', 'Ibrahim', 'Jack', 'Kai', 'Leo', 'Mason', 'Noah', 'Omar', 'Reece', 'Sam', 'Tyler', 'Yusuf', 'Zach'];

/** A made-up first name for child `id` under `seed`; `sex` "female"/"male" picks the list, anything else either. */
export function madeUpName(seed: number | string, id: number, sex?: string): string {
  const u = createRandom(seed).fork('explorer:name').fork(`child:${id}`).next();
  const list = sex === 'female' ? FEMALE : sex === 'male' ? MALE : [...FEMALE, ...MALE];
  return list[Math.floor(u * list.length)];
}

/** Two different names for a pair (the second is redrawn from the next stream position if it repeats the first). */
export function pairNames(seed: number | string, ids: readonly [number, number], sexes: readonly [string | undefined, string | undefined]): [string, string] {
  const first = madeUpName(seed, ids[0], sexes[0]);
  let second = madeUpName(seed, ids[1], sexes[1]);
  for (let k = 1; second === first && k < 50; k++) second = madeUpName(`${seed}`, ids[1] + k * 1_000_003, sexes[1]);
  return [first, second];
}
