/**
 * Rows an export or a merge reads by an id it has just found or written (a quote's article, an event's code).
 * Absence means the workspace is damaged or changed under the reader: fail there, naming the row.
 */
import type { Actor, Annotation, Article, Code } from '../../../shared/api/schemas';
import { present } from '../../../shared/domain/present';
import { getActor } from '../../db/actors';
import { getAnnotation } from '../../db/annotations';
import { getArticle } from '../../db/articles';
import { getCode } from '../../db/codebook';
import type { Db } from '../../db/connection';
import { getEvent, type EventRow } from '../../db/events';

export const articleRow = (db: Db, id: number): Article => present(getArticle(db, id), `article ${id}`);
export const annotationRow = (db: Db, id: number): Annotation => present(getAnnotation(db, id), `annotation ${id}`);
export const codeRow = (db: Db, id: number): Code => present(getCode(db, id), `code ${id}`);
export const actorRow = (db: Db, id: number): Actor => present(getActor(db, id), `actor ${id}`);
export const eventRow = (db: Db, id: number): EventRow => present(getEvent(db, id), `event ${id}`);
