import { plural, type GroupMessages } from './messages.js';

/** The group view's words; they load with it (its chunk in the CDN build). */
export const enGroup: GroupMessages = {
  yourCode: 'Your code to share',
  groupCode: 'Your group’s code',
  copy: 'Copy',
  copied: 'Code copied',
  copyFailed: 'Could not copy: select the code to copy it.',
  share: 'Share',
  shareText: (merchant, code) => `Join my ${merchant} group on KohortPay with the code ${code}: the more friends join, the more cashback we all get!`,
  inviteLink: 'Invite link',
  participants: (count, max) => `${count} of ${max} participants`,
  participantsNames: 'Group members',
  tiersHeading: 'Cashback tiers',
  tierRow: (participants) => plural('en', participants, { one: '# participant', other: '# participants' }),
  currentTier: 'Current tier',
  nextTier: (more, value) => plural('en', more, { one: `# more friend → ${value}`, other: `# more friends → ${value}` }),
  topTierReached: 'Top tier reached!',
  cashbackNow: (amount) => `Your cashback on this order: ${amount}`,
  timeLeft: (time) => `Time left: ${time}`,
  groupEnded: {
    COMPLETED: 'Group complete: every member gets the final tier.',
    EXPIRED: 'The group has expired: nobody joined in time.',
    CANCELED: 'This group was canceled.',
  },
  groupCompletedTier: (value) => `Final cashback for everyone: ${value}`,
  friendJoined: (count) => plural('en', count, { one: 'The group has # participant.', other: 'The group now has # participants.' }),
};
