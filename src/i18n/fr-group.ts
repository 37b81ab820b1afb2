import { plural, type GroupMessages } from './messages.js';

/** The group view's words; they load with it (its chunk in the CDN build). */
export const frGroup: GroupMessages = {
  yourCode: 'Votre code à partager',
  groupCode: 'Le code de votre groupe',
  copy: 'Copier',
  copied: 'Code copié',
  copyFailed: 'Copie impossible\u00a0: sélectionnez le code pour le copier.',
  share: 'Partager',
  shareText: (merchant, code) => `Rejoins mon groupe ${merchant} sur KohortPay avec le code ${code}\u00a0: plus on est nombreux, plus on gagne de cashback\u202f!`,
  inviteLink: 'Lien d’invitation',
  participants: (count, max) => `${count} sur ${max} participants`,
  participantsNames: 'Membres du groupe',
  tiersHeading: 'Paliers de cashback',
  tierRow: (participants) => plural('fr', participants, { one: '# participant', other: '# participants' }),
  currentTier: 'Palier actuel',
  nextTier: (more, value) => plural('fr', more, { one: `Encore # ami → ${value}`, other: `Encore # amis → ${value}` }),
  topTierReached: 'Palier maximum atteint\u202f!',
  cashbackNow: (amount) => `Votre cashback sur cette commande\u00a0: ${amount}`,
  timeLeft: (time) => `Temps restant\u00a0: ${time}`,
  groupEnded: {
    COMPLETED: 'Groupe terminé\u00a0: chaque membre reçoit le palier final.',
    EXPIRED: 'Le groupe a expiré\u00a0: personne ne l’a rejoint à temps.',
    CANCELED: 'Ce groupe a été annulé.',
  },
  groupCompletedTier: (value) => `Cashback final pour tous\u00a0: ${value}`,
  friendJoined: (count) => plural('fr', count, { one: 'Le groupe compte # participant.', other: 'Le groupe compte maintenant # participants.' }),
};
