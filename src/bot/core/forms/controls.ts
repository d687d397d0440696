// The words a person types while filling a form, besides the answers: /取消, /上一步 and
// /跳过 (the controls), 确认 at the review, and 是 to take a correction offered.

export const CONFIRM_WORDS = ['确认', '确定', '提交', '确认提交', 'ok', 'yes', 'y'];
/** Words that accept an offered correction ("是否指 示例县市场监督管理局？回复 是"). */
export const YES_WORDS = ['是', '是的', '对', '好', 'yes', 'y'];

export type FormControl = 'cancel' | 'back' | 'skip';

const CONTROL_WORDS: Record<string, FormControl> = {
  取消: 'cancel',
  cancel: 'cancel',
  上一步: 'back',
  返回: 'back',
  back: 'back',
  跳过: 'skip',
  skip: 'skip',
};

export function formControl(commandName: string): FormControl | undefined {
  return CONTROL_WORDS[commandName];
}
