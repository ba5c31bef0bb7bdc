import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { loadUserActor } from '../policy/actor.ts';
import { type Door, openDoor } from '../policy/door.ts';

/**
 * What the demo seeders look up by name: the demo users' doors (what a person does in the demo
 * is done as that person, so the timeline and the audit name them), and the ids of users and
 * organisations. Only dating a step in the past needs the system handle (openCase's openedAt).
 */
export type DemoDirectory = {
  door(username: string): Promise<Door>;
  userId(username: string): string;
  orgId(name: string): string;
};

export async function demoDirectory(db: Kysely<DB>): Promise<DemoDirectory> {
  const users = await db.selectFrom('users').select(['id', 'username']).execute();
  const orgs = await db.selectFrom('organisations').select(['id', 'name']).execute();
  const doors = new Map<string, Door>();
  const userId = (username: string) => {
    const id = users.find((u) => u.username === username)?.id;
    if (!id) throw new Error(`demo user ${username} is missing`);
    return id;
  };
  return {
    userId,
    orgId(name) {
      const id = orgs.find((o) => o.name === name)?.id;
      if (!id) throw new Error(`demo organisation ${name} is missing`);
      return id;
    },
    async door(username) {
      const known = doors.get(username);
      if (known) return known;
      const actor = await loadUserActor(db, userId(username));
      if (!actor) throw new Error(`demo user ${username} is missing`);
      const door = openDoor(db, actor);
      doors.set(username, door);
      return door;
    },
  };
}
