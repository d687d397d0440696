// 帮助 (/帮助) and 群聊绑定 (/绑定).
import { CHAT_PURPOSE_LABEL, type ChatPurpose } from '../../domain/vocabulary.js';
import { bindChat } from '../../store/roster.js';
import { orgArg } from '../core/args.js';
import { audit, reply, t, UserError } from '../core/context.js';
import { permits } from '../core/permissions.js';
import type { CommandSpec } from '../core/spec.js';

/** 帮助: the commands this person may use, each with its help line (help.cmd.<id>). */
export const helpCommand: CommandSpec = {
  id: 'help',
  names: ['帮助', 'help', '?'],
  allow: 'anyone',
  async run(ctx, _cmd, deps) {
    const lines: string[] = [];
    for (const s of deps.commands())
      if (permits(ctx, s) && (!s.listedFor || (await s.listedFor(ctx)))) lines.push(t(ctx, `help.cmd.${s.id}`));
    const who = ctx.member
      ? t(ctx, 'help.who', {
          name: ctx.member.name,
          org: ctx.member.orgName,
          roles: ctx.member.roles.map((r) => t(ctx, `role.${r}`)).join('、'),
        })
      : t(ctx, 'help.guest', { userId: ctx.incoming!.senderId });
    reply(ctx, 'help.text', { who, commands: lines.join('\n') });
  },
};

const PURPOSE_WORDS: Record<string, ChatPurpose> = {
  督办: 'supervisor',
  督办群: 'supervisor',
  supervisor: 'supervisor',
  领导: 'leaders',
  领导群: 'leaders',
  leaders: 'leaders',
  联动: 'joint',
  联动群: 'joint',
  joint: 'joint',
  法制: 'legal',
  法制群: 'legal',
  legal: 'legal',
  单位: 'agency',
  agency: 'agency',
};

const UNIT_GROUP_KINDS = ['agency', 'judicial', 'discipline', 'procuratorate'];

export const bindCommand: CommandSpec = {
  id: 'bind',
  names: ['绑定', 'bind'],
  allow: ['admin'],
  async run(ctx, cmd) {
    const inc = ctx.incoming!;
    if (inc.isDirect) throw new UserError('error.bind_in_direct');
    const words = [...cmd.positional];
    const purposeWord = words.length > 1 ? words.pop()! : undefined;
    const purpose = purposeWord ? PURPOSE_WORDS[purposeWord] : 'agency';
    if (!purpose) throw new UserError('error.bad_purpose', { value: purposeWord!, usage: t(ctx, 'usage.bind') });
    const query = cmd.options.org ?? words.join(' ');
    if (!query) throw new UserError('error.usage', { usage: t(ctx, 'usage.bind') });
    const org = await orgArg(ctx, query);
    // a unit's own work group: an agency's, or a clue unit's (司法局, 纪委监委, 检察院)
    if (purpose === 'agency' && !UNIT_GROUP_KINDS.includes(org.kind))
      throw new UserError('error.bind_not_agency', { org: org.name });
    await bindChat(ctx.tx, {
      platform: inc.platform,
      chatId: inc.chatId,
      name: ctx.binding?.name ?? org.name,
      purpose,
      orgId: org.id,
    });
    audit(ctx, 'chat.bind', org.name, { platform: inc.platform, purpose });
    reply(ctx, 'bind.done', { org: org.name, purpose: CHAT_PURPOSE_LABEL[purpose] });
  },
};
