import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { PG_INTEGER_MAX } from '../../common/validation/validators';
import { IsReactionEmoji } from './reaction-emoji';

/** Socket payloads, validated like HTTP bodies (unknown fields refused) by validatePayload. */

export const MAX_BODY_LENGTH = 10_000;

/** Seqs are PostgreSQL `integer`s. */
export const MAX_SEQ = PG_INTEGER_MAX;

const NOT_BLANK = /\S/;

export class JoinChannelPayload {
  @IsUUID() channelId!: string;
  @IsOptional() @IsInt() @Min(0) @Max(MAX_SEQ) sinceSeq?: number;
}

export class ChannelRefPayload {
  @IsUUID() channelId!: string;
}

export class SendMessagePayload {
  @IsUUID() channelId!: string;

  @IsString()
  @Length(1, 100)
  clientMessageId!: string;

  @IsString()
  @Length(1, MAX_BODY_LENGTH)
  @Matches(NOT_BLANK, { message: 'body must not be blank' })
  body!: string;

  @IsOptional() @IsUUID() parentId?: string;
}

export class EditMessagePayload {
  @IsUUID() messageId!: string;

  @IsString()
  @Length(1, MAX_BODY_LENGTH)
  @Matches(NOT_BLANK, { message: 'body must not be blank' })
  body!: string;
}

export class MessageRefPayload {
  @IsUUID() messageId!: string;
}

export class ReactionPayload {
  @IsUUID() messageId!: string;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsReactionEmoji()
  emoji!: string;
}

export class ReadPayload {
  @IsUUID() channelId!: string;
  @IsInt() @Min(0) @Max(MAX_SEQ) seq!: number;
}
