import { plural, type GroupMessages } from './messages.js';

/** The group view's words; they load with it (its chunk in the CDN build). */
export const frGroup: GroupMessages = {
  yourCode: 'Votre code à partager',
  groupCode: 'Le code de votre groupe',
  copy: 'Copier',
  copied: 'Code copié',
  copyFailed: 'Copie impossible : sélectionnez le code pour le copier.',
  share: 'Partager',
  shareText: (merchant, code) => `Rejoins mon groupe ${merchant} sur KohortPay avec le code ${code} : plus on est nombreux, plus on gagne de cashback !`,
  inviteLink: 'Lien d’invitation',
  participants: (count, max) => `${count} sur ${max} participants`,
  participantsNames: 'Membres du groupe',
  tiersHeading: 'Paliers de cashback',
  tierRow: (participants) => plural('fr', participants, { one: '# participant', other: '# participants' }),
  currentTier: 'Palier actuel',
  nextTier: (more, value) => plural('fr', more, { one: `Encore # ami → ${value}`, other: `Encore # amis → ${value}` }),
  topTierReached: 'Palier maximum atteint !',
  cashbackNow: (amount) => `Votre cashback sur cette commande : ${amount}`,
  timeLeft: (time) => `Temps restant : ${time}`,
  groupEnded: {
    COMPLETED: 'Groupe terminé : chaque membre reçoit le palier final.',
    EXPIRED: 'Le groupe a expiré : personne ne l’a rejoint à temps.',
    CANCELED: 'Ce groupe a été annulé.',
  },
  groupCompletedTier: (value) => `Cashback final pour tous : ${value}`,
  friendJoined: (count) => plural('fr', count, { one: 'Le groupe compte # participant.', other: 'Le groupe compte maintenant # participants.' }),
};
