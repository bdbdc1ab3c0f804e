import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isSteward } from '../../common/auth/access';
import { AuthenticatedMeta } from '../../common/auth/auth-user';
import { decodeCursor, Page, pageSize, toPage } from '../../common/pagination/pagination';
import { findViewerMemberships } from '../groups.queries';
import {
  CURRENT_MEMBERSHIP_STATUSES,
  ListMyMembershipsQueryDto,
  MyMembershipDto,
} from './dto/my-membership.dto';

/** `GET /me/memberships`: the caller's own memberships across groups, pending ones included. */
@Injectable()
export class MyMembershipsService {
  constructor(private readonly em: EntityManager) {}

  async list(query: ListMyMembershipsQueryDto, meta: AuthenticatedMeta): Promise<Page<MyMembershipDto>> {
    const limit = pageSize(query);
    const rows = await findViewerMemberships(
      this.em,
      { userId: meta.user.id, isSteward: isSteward(meta.user) },
      query.status ? [query.status] : CURRENT_MEMBERSHIP_STATUSES,
      query.cursor ? decodeCursor(query.cursor, 'string') : undefined,
      limit + 1,
    );
    return toPage(
      rows,
      limit,
      (r) => ({ key: r.name, id: r.id }),
      (r) => ({
        group: {
          id: r.group_id,
          slug: r.slug,
          name: r.name,
          status: r.group_status,
          visibility: r.visibility,
        },
        role: r.role,
        status: r.status,
        createdAt: new Date(r.created_at),
        approvedAt: r.approved_at ? new Date(r.approved_at) : null,
      }),
    );
  }
}
